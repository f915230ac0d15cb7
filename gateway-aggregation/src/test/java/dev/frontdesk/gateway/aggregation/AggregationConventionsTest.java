package dev.frontdesk.gateway.aggregation;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-aggregation. */
class AggregationConventionsTest extends ModuleConventions {
  AggregationConventionsTest() {
    super(Role.EXTENSION);
    // composers read and write Jackson trees on purpose: legs' values, the answer, its node factory
    allowsInApi(
        "com.fasterxml.jackson.databind.JsonNode",
        "com.fasterxml.jackson.databind.node.ObjectNode",
        "com.fasterxml.jackson.databind.node.JsonNodeFactory");
  }
}
