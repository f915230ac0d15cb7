package dev.frontdesk.gateway.ratelimit.internal;

import dev.frontdesk.gateway.ratelimit.Bandwidth;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A limit with what a limiter precomputes for it: the prefix of its bucket keys, its rendered
 * headers, and this instance's share of it for while the backend cannot answer. The prefix holds
 * the group, so a consumer who changes plan starts a fresh bucket, and a digest of the limit's
 * bandwidths, so that a bucket is only ever used with the limit it was made for: a Redis bucket
 * keeps the configuration it was created with, so under the same key a lowered limit would not
 * apply to a client that keeps its key alive; and two same-named limiters with different limits on
 * one local backend would replace each other's bucket with a full one at every switch.
 */
public final class Plan {
  /** Client keys longer than this are stored shortened, see {@link #bucketKey}. */
  static final int LONGEST_CLIENT_KEY = 128;

  private final @Nullable String group;
  private final RateLimit limit;
  private final String keyPrefix;
  private final RateLimitHeaders headers;
  private final RateLimit fallback;

  public Plan(
      @Nullable String group,
      RateLimit limit,
      String limiterName,
      boolean ietf,
      boolean legacy,
      int instances) {
    this.group = group;
    this.limit = limit;
    this.keyPrefix = limiterName + "/" + (group == null ? "*" : group) + "/" + digest(limit) + "/";
    this.headers = new RateLimitHeaders(limit, ietf, legacy);
    this.fallback = share(limit, instances);
  }

  /**
   * One instance's share of {@code limit} when {@code instances} share it: each capacity divided by
   * the instances, rounded up (at least 1); a greedy refill keeps its tokens over a period that
   * many times longer (the exact rate), an interval refill keeps its window with the tokens
   * divided, rounded up (so that a refill can still fill the smaller bucket).
   */
  static RateLimit share(RateLimit limit, int instances) {
    if (instances == 1) {
      return limit;
    }
    RateLimit.BuildStage built = null;
    for (Bandwidth b : limit.bandwidths()) {
      long capacity = Math.max(1, ceilDiv(b.capacity(), instances));
      RateLimit.RefillStage stage =
          built == null ? RateLimit.capacity(capacity) : built.andCapacity(capacity);
      built =
          b.greedy()
              ? stage.refillGreedy(b.refillTokens(), b.refillPeriod().multipliedBy(instances))
              : stage.refillIntervally(
                  Math.max(1, ceilDiv(b.refillTokens(), instances)), b.refillPeriod());
    }
    return Objects.requireNonNull(built, "bandwidths").name(limit.name()).build();
  }

  /**
   * Eight hex digits that change with any capacity, refill or period of {@code limit} (not with its
   * name, which only labels the headers). The same in every JVM, so instances sharing Redis agree.
   */
  static String digest(RateLimit limit) {
    StringBuilder canonical = new StringBuilder();
    for (Bandwidth b : limit.bandwidths()) {
      canonical
          .append(b.capacity())
          .append(',')
          .append(b.refillTokens())
          .append(',')
          .append(b.refillPeriod().toNanos())
          .append(b.greedy() ? ",greedy;" : ",intervally;");
    }
    return HexFormat.of().formatHex(sha256(canonical.toString()), 0, 4);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  private static long ceilDiv(long x, long y) {
    return (x + y - 1) / y;
  }

  public @Nullable String group() {
    return group;
  }

  public RateLimit limit() {
    return limit;
  }

  /**
   * The bucket's key. A client key can be as long as a client makes it (a header's value), and
   * every bucket keeps its key in this process and in Redis: one longer than {@value
   * #LONGEST_CLIENT_KEY} characters is stored as its beginning and the SHA-256 of all of it, so
   * that a flood of huge keys costs no more memory than one of short keys.
   */
  public String bucketKey(String clientKey) {
    if (clientKey.length() <= LONGEST_CLIENT_KEY) {
      return keyPrefix + clientKey;
    }
    return keyPrefix
        + clientKey.substring(0, 48)
        + "~sha256:"
        + HexFormat.of().formatHex(sha256(clientKey));
  }

  public RateLimitHeaders headers() {
    return headers;
  }

  /** This instance's share of the limit, for a local bucket while the backend cannot answer. */
  public RateLimit fallbackLimit() {
    return fallback;
  }
}
