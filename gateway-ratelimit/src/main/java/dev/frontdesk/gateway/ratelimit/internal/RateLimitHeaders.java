package dev.frontdesk.gateway.ratelimit.internal;

import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.Bandwidth;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Renders rate-limit header fields for one limit. The IETF fields follow
 * draft-ietf-httpapi-ratelimit-headers: {@code RateLimit-Policy} lists each bandwidth as a quota
 * {@code q} per window {@code w} seconds (the bucket's capacity over the time it takes to refill
 * completely), and {@code RateLimit} gives the remaining quota {@code r} and the seconds {@code t}
 * until it is whole again. The legacy {@code X-RateLimit-*} fields carry the first bandwidth's
 * capacity, the remaining tokens and the same reset, in seconds from now.
 */
public final class RateLimitHeaders {
  private final String name;
  private final String policy;
  private final String capacity;
  private final boolean ietf;
  private final boolean legacy;

  public RateLimitHeaders(RateLimit limit, boolean ietf, boolean legacy) {
    this.name = limit.name();
    this.policy = policy(limit);
    this.capacity = Long.toString(limit.bandwidths().get(0).capacity());
    this.ietf = ietf;
    this.legacy = legacy;
  }

  /** Adds the fields for {@code result} through {@code sink} (name, value). */
  private void apply(RateLimitResult result, BiConsumer<String, String> sink) {
    String reset = Long.toString(ceilSeconds(result.nanosToReset()));
    if (ietf) {
      sink.accept("RateLimit-Policy", policy);
      sink.accept("RateLimit", item(result));
    }
    if (legacy) {
      sink.accept("X-RateLimit-Limit", capacity);
      sink.accept("X-RateLimit-Remaining", Long.toString(result.remaining()));
      sink.accept("X-RateLimit-Reset", reset);
    }
  }

  /**
   * Adds the fields for {@code result} to a response that passed, which may already carry the
   * fields of a limiter nearer the route (or of the upstream), even on that limiter's 429. The IETF
   * fields are lists (RFC 9651 §3.1, split across field lines per RFC 9110 §5.3), so this limit's
   * items join theirs. The legacy fields hold one limit: the one with the fewest tokens remaining,
   * the earlier one on a tie, so a 429 keeps the fields of the limit that refused it.
   */
  public void addTo(Response.Builder response, Headers existing, RateLimitResult result) {
    if (ietf) {
      response.addHeader("RateLimit-Policy", policy);
      response.addHeader("RateLimit", item(result));
    }
    if (legacy && fewerThan(result.remaining(), existing.get("X-RateLimit-Remaining"))) {
      response.header("X-RateLimit-Limit", capacity);
      response.header("X-RateLimit-Remaining", Long.toString(result.remaining()));
      response.header("X-RateLimit-Reset", Long.toString(ceilSeconds(result.nanosToReset())));
    }
  }

  private static boolean fewerThan(long remaining, @Nullable String existing) {
    if (existing == null) {
      return true;
    }
    try {
      return remaining < Long.parseLong(existing.trim());
    } catch (NumberFormatException e) {
      return true; // not a count: ours is the one a client can use
    }
  }

  private String item(RateLimitResult result) {
    return "\"" + name + "\";r=" + result.remaining() + ";t=" + ceilSeconds(result.nanosToReset());
  }

  /** The fields of a 429 answer: {@code Retry-After} (RFC 9110 §10.2.3) and the limit's fields. */
  public Headers rejection(RateLimitResult result) {
    Headers.Builder headers = Headers.builder();
    headers.set("Retry-After", retryAfter(result));
    apply(result, headers::add);
    return headers.build();
  }

  /**
   * The fields of a 429 answered from this instance's share while the backend cannot answer: only
   * {@code Retry-After}, since the share's remaining tokens say nothing of the fleet's quota.
   */
  public static Headers fallbackRejection(RateLimitResult result) {
    return Headers.of("Retry-After", retryAfter(result));
  }

  private static String retryAfter(RateLimitResult result) {
    return Long.toString(Math.max(1, ceilSeconds(result.nanosToRetry())));
  }

  /** Whole seconds, rounded up: a client that waits this long is never early. */
  public static long ceilSeconds(long nanos) {
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }

  private static String policy(RateLimit limit) {
    List<Bandwidth> bandwidths = limit.bandwidths();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bandwidths.size(); i++) {
      Bandwidth b = bandwidths.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      String policyName = i == 0 ? limit.name() : limit.name() + "-" + (i + 1);
      long window = Math.max(1, ceilSeconds(b.timeToFullRefill().toNanos()));
      sb.append('"')
          .append(policyName)
          .append("\";q=")
          .append(b.capacity())
          .append(";w=")
          .append(window);
    }
    return sb.toString();
  }
}
