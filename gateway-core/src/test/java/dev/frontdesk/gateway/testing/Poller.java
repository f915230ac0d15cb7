package dev.frontdesk.gateway.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The one poller for tests: waits for something the test does not control (a reconnect, a file
 * watcher, a metric recorded on another thread) by asking again every 20 ms until it holds or the
 * generous timeout passes. Not for making time pass: move a {@link FakeClock} instead.
 *
 * <pre>{@code
 * Poller.until(Duration.ofSeconds(10), () -> backend.isConnected());
 * Poller.untilPasses(Duration.ofSeconds(5), () -> assertThat(registry.counter("x").count()).isEqualTo(1));
 * }</pre>
 */
public final class Poller {
  private static final long EVERY_MILLIS = 20;

  private Poller() {}

  /**
   * Returns once {@code condition} is true; fails with an {@link AssertionError} after {@code
   * timeout}.
   */
  public static void until(Duration timeout, Callable<Boolean> condition) throws Exception {
    until("the condition holds", timeout, condition);
  }

  /** As {@link #until(Duration, Callable)}, saying {@code what} was awaited when it fails. */
  public static void until(String what, Duration timeout, Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(EVERY_MILLIS);
    }
  }

  /** Assertions that may throw at once but must pass eventually. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /**
   * Returns once {@code check} runs without an {@link AssertionError}; after {@code timeout},
   * throws its last one.
   */
  public static void untilPasses(Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
      Thread.sleep(EVERY_MILLIS);
    }
  }
}
