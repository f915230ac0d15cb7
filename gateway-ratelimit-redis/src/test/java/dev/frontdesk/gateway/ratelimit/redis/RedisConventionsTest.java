package dev.frontdesk.gateway.ratelimit.redis;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-ratelimit-redis. */
class RedisConventionsTest extends ModuleConventions {
  RedisConventionsTest() {
    super(Role.EXTENSION);
    uses("dev.frontdesk.gateway.ratelimit"); // a backend of gateway-ratelimit
    // Known debt, named so it cannot grow unseen: LettuceBackend reuses gateway-ratelimit's
    // internal Bucket4jLimits (RateLimit -> Bucket4j configuration). Both ship in one release
    // (the BOM pins them together); remove this line once that mapping has a public home.
    uses("dev.frontdesk.gateway.ratelimit.internal");
  }
}
