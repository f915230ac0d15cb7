package dev.frontdesk.gateway.micrometer;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-micrometer. */
class MetricsConventionsTest extends ModuleConventions {
  MetricsConventionsTest() {
    super(Role.EXTENSION);
    allowsInApi("io.micrometer.core.instrument.MeterRegistry"); // the application's own registry
  }
}
