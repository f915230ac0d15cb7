package dev.frontdesk.gateway.ratelimit.internal;

import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.Bandwidth;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitResult;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/** Translates Frontdesk's limit and time types to Bucket4j's and back; shared by every backend. */
public final class Bucket4jLimits {
  private Bucket4jLimits() {}

  /**
   * The Bucket4j configuration for {@code limit}: one Bucket4j bandwidth per Frontdesk bandwidth.
   */
  public static BucketConfiguration configuration(RateLimit limit) {
    ConfigurationBuilder builder = BucketConfiguration.builder();
    for (Bandwidth b : limit.bandwidths()) {
      builder.addLimit(bandwidth(b));
    }
    return builder.build();
  }

  /** A local, lock-free bucket for {@code limit} that reads time from {@code timeMeter}. */
  public static Bucket localBucket(RateLimit limit, TimeMeter timeMeter) {
    LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(timeMeter);
    for (Bandwidth b : limit.bandwidths()) {
      builder.addLimit(bandwidth(b));
    }
    return builder.build();
  }

  private static io.github.bucket4j.Bandwidth bandwidth(Bandwidth b) {
    var refill = io.github.bucket4j.Bandwidth.builder().capacity(b.capacity());
    var built =
        b.greedy()
            ? refill.refillGreedy(b.refillTokens(), b.refillPeriod())
            : refill.refillIntervally(b.refillTokens(), b.refillPeriod());
    return built.build();
  }

  /** A Bucket4j time meter reading {@code ticker}. */
  public static TimeMeter timeMeter(Ticker ticker, boolean wallClockBased) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return ticker.read();
      }

      @Override
      public boolean isWallClockBased() {
        return wallClockBased;
      }
    };
  }

  /** The result a consumption probe stands for. */
  public static RateLimitResult result(ConsumptionProbe probe) {
    long remaining = Math.max(0, probe.getRemainingTokens());
    long reset = Math.max(0, probe.getNanosToWaitForReset());
    return probe.isConsumed()
        ? RateLimitResult.allowed(remaining, reset)
        : RateLimitResult.rejected(remaining, Math.max(0, probe.getNanosToWaitForRefill()), reset);
  }
}
