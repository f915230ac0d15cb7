package dev.frontdesk.gateway.ratelimit.redis;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for something outside the test's control (a reconnect), polling with a generous deadline. */
final class Polling {
  private Polling() {}

  static void until(Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
