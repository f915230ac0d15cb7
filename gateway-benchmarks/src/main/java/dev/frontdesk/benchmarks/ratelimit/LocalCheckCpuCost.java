package dev.frontdesk.benchmarks.ratelimit;

import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The CPU time of one local check, read from the thread's CPU clock rather than the wall clock: a
 * companion to {@link LocalRateLimitBenchmark} for a shared, oversubscribed machine, where JMH's
 * wall-clock average also counts the time the thread waited for a core.
 *
 * <pre>java -cp ... dev.frontdesk.benchmarks.ratelimit.LocalCheckCpuCost</pre>
 */
public final class LocalCheckCpuCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int KEYS = 10_000;
  private static long sink;

  private LocalCheckCpuCost() {}

  public static void main(String[] args) {
    RateLimit generous =
        RateLimit.capacity(1_000_000_000_000L)
            .refillGreedy(1_000_000_000L, Duration.ofSeconds(1))
            .build();
    RateLimit exhausted = RateLimit.of(1, Duration.ofDays(1));
    RateLimitBackend backend = RateLimitBackend.local();
    String[] keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "rate-limit/*/ip:10.0." + (i / 256) + "." + (i % 256);
    }
    for (int round = 0; round < 3; round++) {
      report(
          "hot key",
          round,
          () -> sink += backend.tryConsume("rate-limit/*/ip:10.0.0.1", generous).remaining());
      report(
          "10,000 keys",
          round,
          () ->
              sink +=
                  backend
                      .tryConsume(keys[ThreadLocalRandom.current().nextInt(KEYS)], generous)
                      .remaining());
      report(
          "rejecting", round, () -> sink += backend.tryConsume("empty", exhausted).nanosToRetry());
    }
    System.out.println("(sink " + (sink & 1) + ")");
  }

  private static void report(String name, int round, Runnable check) {
    int n = 2_000_000;
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < n; i++) {
      check.run();
    }
    double cpuPerOp = (THREADS.getCurrentThreadCpuTime() - cpu) / (double) n;
    double wallPerOp = (System.nanoTime() - wall) / (double) n;
    System.out.printf(
        "round %d  %-12s cpu %7.1f ns/check   wall %7.1f ns/check%n",
        round, name, cpuPerOp, wallPerOp);
  }
}
