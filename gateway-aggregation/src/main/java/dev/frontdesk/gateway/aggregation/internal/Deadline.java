package dev.frontdesk.gateway.aggregation.internal;

import dev.frontdesk.gateway.Ticker;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits bounded by an instant of the gateway's {@link Ticker} ({@code Upstreams.ticker()}). With
 * {@link Ticker#system()} each wait is one blocking call for the time left, as without this class;
 * with a test's fake ticker it blocks a millisecond of real time at a time and reads the ticker
 * again, so the wait ends soon after the test advances the ticker past the deadline. (Core's {@code
 * TimeSource} does the same for the gateway's own waits; this module may not use core's internals.)
 */
final class Deadline {
  private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private Deadline() {}

  /** The future's value, or a {@link TimeoutException} once the ticker has reached the deadline. */
  static <T> T get(Future<T> future, long deadline, Ticker ticker)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      try {
        return future.get(step(deadline - ticker.read(), ticker), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (ticker == Ticker.system() || deadline - ticker.read() <= 0) {
          throw e;
        }
      }
    }
  }

  /** Takes a permit, or returns false once the ticker has reached the deadline. */
  static boolean acquire(Semaphore permits, long deadline, Ticker ticker)
      throws InterruptedException {
    while (true) {
      long left = deadline - ticker.read();
      if (permits.tryAcquire(step(left, ticker), TimeUnit.NANOSECONDS)) {
        return true;
      }
      if (ticker == Ticker.system() || deadline - ticker.read() <= 0) {
        return false;
      }
    }
  }

  private static long step(long left, Ticker ticker) {
    long positive = Math.max(0, left);
    return ticker == Ticker.system() ? positive : Math.min(positive, STEP_NANOS);
  }
}
