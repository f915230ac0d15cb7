package dev.frontdesk.gateway.transform;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-transform. */
class TransformConventionsTest extends ModuleConventions {
  TransformConventionsTest() {
    super(Role.EXTENSION);
    // a custom JSON step is a function over Jackson trees, on purpose (as in aggregation)
    allowsInApi("com.fasterxml.jackson.databind.JsonNode");
  }
}
