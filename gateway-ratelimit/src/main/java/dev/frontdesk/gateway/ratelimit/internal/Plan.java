package dev.frontdesk.gateway.ratelimit.internal;

import dev.frontdesk.gateway.ratelimit.RateLimit;
import org.jspecify.annotations.Nullable;

/**
 * A limit with what a limiter precomputes for it: the prefix of its bucket keys and its rendered
 * headers. The prefix holds the group, so a consumer who changes plan starts a fresh bucket.
 */
public final class Plan {
  private final @Nullable String group;
  private final RateLimit limit;
  private final String keyPrefix;
  private final RateLimitHeaders headers;

  public Plan(@Nullable String group, RateLimit limit, String limiterName, boolean ietf, boolean legacy) {
    this.group = group;
    this.limit = limit;
    this.keyPrefix = limiterName + "/" + (group == null ? "*" : group) + "/";
    this.headers = new RateLimitHeaders(limit, ietf, legacy);
  }

  public @Nullable String group() {
    return group;
  }

  public RateLimit limit() {
    return limit;
  }

  public String bucketKey(String clientKey) {
    return keyPrefix + clientKey;
  }

  public RateLimitHeaders headers() {
    return headers;
  }
}
