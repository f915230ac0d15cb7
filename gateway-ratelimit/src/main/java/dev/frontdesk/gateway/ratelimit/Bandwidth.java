package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * One rule of a {@link RateLimit}: a bucket of {@link #capacity()} tokens that gets {@link
 * #refillTokens()} back every {@link #refillPeriod()}, either smoothly ({@linkplain #greedy()
 * greedy}) or all at once at the end of each period. Built through {@link
 * RateLimit#capacity(long)}.
 */
public final class Bandwidth {
  private final long capacity;
  private final long refillTokens;
  private final Duration refillPeriod;
  private final boolean greedy;

  Bandwidth(long capacity, long refillTokens, Duration refillPeriod, boolean greedy) {
    Objects.requireNonNull(refillPeriod, "refillPeriod");
    if (refillTokens < 1) {
      throw new IllegalArgumentException("refill tokens must be at least 1: " + refillTokens);
    }
    Durations.positive(refillPeriod, "refill period");
    if (refillTokens > refillPeriod.toNanos()) {
      // Bucket4j's own limit; checked here so a bad limit fails at build time, not on a request.
      throw new IllegalArgumentException(
          "refill rate must be at most 1 token per nanosecond: "
              + refillTokens
              + " per "
              + refillPeriod);
    }
    this.capacity = capacity;
    this.refillTokens = refillTokens;
    this.refillPeriod = refillPeriod;
    this.greedy = greedy;
  }

  /** The most tokens the bucket holds: the burst a client may spend at once. */
  public long capacity() {
    return capacity;
  }

  /** Tokens added per {@link #refillPeriod()}. */
  public long refillTokens() {
    return refillTokens;
  }

  /** The period over which {@link #refillTokens()} come back. */
  public Duration refillPeriod() {
    return refillPeriod;
  }

  /** True when tokens come back continuously, false when they come back once per period. */
  public boolean greedy() {
    return greedy;
  }

  /** How long an empty bucket takes to fill up again. */
  public Duration timeToFullRefill() {
    long periods = (capacity + refillTokens - 1) / refillTokens;
    return refillPeriod.multipliedBy(periods);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bandwidth b
        && capacity == b.capacity
        && refillTokens == b.refillTokens
        && refillPeriod.equals(b.refillPeriod)
        && greedy == b.greedy;
  }

  @Override
  public int hashCode() {
    return Objects.hash(capacity, refillTokens, refillPeriod, greedy);
  }

  @Override
  public String toString() {
    return capacity
        + " burst, "
        + refillTokens
        + " per "
        + refillPeriod
        + (greedy ? " greedy" : " intervally");
  }
}
