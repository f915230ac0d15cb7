package dev.frontdesk.gateway.ratelimit.redis;

/**
 * How a gateway instance talks to Redis for each check: the trade between round trips and accuracy.
 * See docs/ratelimit.md for the measured cost of each.
 */
public enum SyncMode {
  /**
   * Every check is a compare-and-swap against Redis (a read, then a swap; a retry when another
   * instance swapped in between). Exact.
   */
  PLAIN,
  /**
   * Concurrent checks on one key within this instance are merged into one compare-and-swap. Exact,
   * and fewer round trips under load on hot keys. The default.
   */
  BATCHING,
  /**
   * The instance consumes from a local copy and writes back to Redis once it has consumed {@code
   * maxUnsyncedTokens} or {@code maxUnsyncedTime} has passed. Far fewer round trips; the fleet may
   * admit up to {@code maxUnsyncedTokens} more per instance than the limit. Set through {@link
   * RedisBackend.Builder#delayedSync}.
   */
  DELAYED
}
