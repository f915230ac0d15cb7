package dev.frontdesk.gateway.ratelimit;

/**
 * A source of time in nanoseconds, so that tests can move time forward instead of sleeping while
 * buckets refill (as Caffeine's {@code Ticker}).
 *
 * <pre>{@code
 * AtomicLong now = new AtomicLong();
 * RateLimitBackend backend = RateLimitBackend.localBuilder().ticker(now::get).build();
 * now.addAndGet(Duration.ofSeconds(1).toNanos()); // a second passes
 * }</pre>
 */
@FunctionalInterface
public interface Ticker {
  /** The current time in nanoseconds, from an arbitrary but fixed origin; never goes backwards. */
  long read();

  /** {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }

  /**
   * Wall-clock time in nanoseconds since the epoch (millisecond resolution): what a backend shared
   * by several processes needs, since they have no common {@code nanoTime} origin.
   */
  static Ticker wallClock() {
    return () -> System.currentTimeMillis() * 1_000_000L;
  }
}
