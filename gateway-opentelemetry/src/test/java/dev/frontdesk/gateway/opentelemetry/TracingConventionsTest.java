package dev.frontdesk.gateway.opentelemetry;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-opentelemetry. */
class TracingConventionsTest extends ModuleConventions {
  TracingConventionsTest() {
    super(Role.EXTENSION);
    allowsInApi("io.opentelemetry.api.OpenTelemetry"); // the application's own instance
  }
}
