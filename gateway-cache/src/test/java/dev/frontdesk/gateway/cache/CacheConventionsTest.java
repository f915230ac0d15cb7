package dev.frontdesk.gateway.cache;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-cache. */
class CacheConventionsTest extends ModuleConventions {
  CacheConventionsTest() {
    super(Role.EXTENSION);
  }
}
