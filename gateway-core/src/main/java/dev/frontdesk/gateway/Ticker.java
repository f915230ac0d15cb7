package dev.frontdesk.gateway;

/**
 * A source of elapsed time in nanoseconds, so that tests can move time forward instead of sleeping
 * (as Caffeine's {@code Ticker}). Where Frontdesk measures durations (bucket refills, backend
 * outages, ejections, circuit windows, retry back-off) it reads a {@code Ticker}; where it needs
 * the date (token expiry, HTTP dates, cache ages) it reads a {@link java.time.Clock}. A test can
 * hand the same fake object to both: core's test-jar has one, {@code
 * dev.frontdesk.gateway.testing.FakeClock}.
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

  /**
   * {@link System#nanoTime()}; always the same object, so that code can tell real time from a
   * test's fake one.
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }

  /**
   * Wall-clock time in nanoseconds since the epoch (millisecond resolution): what a backend shared
   * by several processes needs, since they have no common {@code nanoTime} origin.
   */
  static Ticker wallClock() {
    return () -> System.currentTimeMillis() * 1_000_000L;
  }
}
