package dev.frontdesk.benchmarks.ratelimit;

import com.sun.management.OperatingSystemMXBean;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.redis.RedisBackend;
import dev.frontdesk.gateway.ratelimit.redis.SyncMode;
import dev.frontdesk.gateway.ratelimit.redis.testing.RedisProcess;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Redis check costs in what does not depend on how busy the machine is: Redis commands per
 * check (each a round trip, read from the server's {@code total_commands_processed}) and this
 * process's CPU time per check (caller plus Lettuce's I/O threads), per sync mode, with 1 and 4
 * threads checking one hot key. A companion to {@link RedisRateLimitBenchmark} for a shared,
 * oversubscribed machine.
 *
 * <pre>java -cp ... dev.frontdesk.benchmarks.ratelimit.RedisCheckCost [checksPerThread]</pre>
 */
public final class RedisCheckCost {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private RedisCheckCost() {}

  public static void main(String[] args) throws Exception {
    int checks = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    RateLimit generous =
        RateLimit.capacity(1_000_000_000_000L)
            .refillGreedy(1_000_000_000L, Duration.ofSeconds(1))
            .build();
    try (RedisProcess redis = RedisProcess.start()) {
      for (int threads : new int[] {1, 4}) {
        for (SyncMode mode : SyncMode.values()) {
          RedisBackend.Builder b =
              RedisBackend.builder(redis.uri()).commandTimeout(Duration.ofSeconds(10));
          try (RateLimitBackend backend =
              mode == SyncMode.DELAYED
                  ? b.delayedSync(100, Duration.ofMillis(100)).build()
                  : b.syncMode(mode).build()) {
            String key = "cost/" + mode + "/" + threads;
            run(backend, key, generous, threads, checks / 5); // warm-up
            long commands = redis.infoField("stats", "total_commands_processed");
            long cpu = OS.getProcessCpuTime();
            long wall = System.nanoTime();
            int total = run(backend, key, generous, threads, checks);
            double perCheck =
                (redis.infoField("stats", "total_commands_processed") - commands - 1)
                    / (double) total;
            System.out.printf(
                "%-9s threads %d  Redis commands/check %5.2f  client CPU %6.1f us/check  wall %7.1f us/check%n",
                mode,
                threads,
                perCheck,
                (OS.getProcessCpuTime() - cpu) / 1e3 / total,
                (System.nanoTime() - wall) / 1e3 / total);
          }
        }
      }
    }
  }

  private static int run(
      RateLimitBackend backend, String key, RateLimit limit, int threads, int each)
      throws InterruptedException {
    List<Thread> list = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  backend.tryConsume(key, limit);
                }
              });
      thread.start();
      list.add(thread);
    }
    for (Thread thread : list) {
      thread.join();
    }
    return threads * each;
  }
}
