package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-ratelimit. */
class RateLimitConventionsTest extends ModuleConventions {
  RateLimitConventionsTest() {
    super(Role.EXTENSION);
  }
}
