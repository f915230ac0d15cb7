package dev.frontdesk.benchmarks.ratelimit;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import dev.frontdesk.gateway.ratelimit.redis.RedisBackend;
import dev.frontdesk.gateway.ratelimit.redis.SyncMode;
import dev.frontdesk.gateway.ratelimit.redis.testing.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The real-time accuracy run: a limit of N per second (burst N) offered 2.5 N per second for ten
 * wall-clock seconds, on one local gateway and on two gateways sharing Redis (each offering half,
 * from its own thread), per sync mode. Prints admitted against N * elapsed + burst.
 *
 * <pre>java -cp ... dev.frontdesk.benchmarks.ratelimit.RateLimitAccuracy [N] [seconds]</pre>
 */
public final class RateLimitAccuracy {
  private RateLimitAccuracy() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    RateLimit limit = RateLimit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)).build();
    run("warm-up (discarded)", limit, rate, 3, List.of(RateLimitBackend.local()));
    run("local, 1 instance", limit, rate, seconds, List.of(RateLimitBackend.local()));
    try (RedisProcess redis = RedisProcess.start()) {
      for (SyncMode mode : SyncMode.values()) {
        List<RateLimitBackend> backends = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          RedisBackend.Builder b =
              RedisBackend.builder(redis.uri())
                  .keyPrefix("accuracy-" + mode + ":")
                  .commandTimeout(Duration.ofSeconds(10));
          backends.add(
              mode == SyncMode.DELAYED
                  ? b.delayedSync(5, Duration.ofMillis(50)).build()
                  : b.syncMode(mode).build());
        }
        run("redis " + mode + ", 2 instances", limit, rate, seconds, backends);
        backends.forEach(RateLimitBackend::close);
      }
    }
  }

  private static void run(
      String label, RateLimit limit, int rate, int seconds, List<RateLimitBackend> backends)
      throws Exception {
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger offered = new AtomicInteger();
    AtomicLong maxLateNanos = new AtomicLong();
    List<Gateway> gateways = new ArrayList<>();
    for (RateLimitBackend backend : backends) {
      RateLimiter limiter = RateLimiter.builder().limit(limit).backend(backend).build();
      gateways.add(
          Gateway.builder()
              .route(
                  "api",
                  r ->
                      r.path("/api")
                          .use(limiter)
                          .handleWith(
                              req -> {
                                admitted.incrementAndGet();
                                return Response.of(204);
                              }))
              .build());
    }
    long perInstanceInterval = Duration.ofSeconds(1).toNanos() * gateways.size() / (rate * 5L / 2);
    long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int g = 0; g < gateways.size(); g++) {
      Gateway gateway = gateways.get(g);
      long offset = perInstanceInterval * g / gateways.size();
      Thread thread =
          new Thread(
              () ->
                  drive(gateway, start + offset, end, perInstanceInterval, offered, maxLateNanos));
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    gateways.forEach(Gateway::close);
    double expected = rate + rate * (double) seconds;
    // A token bucket cannot hold more than its capacity: if the driver stalls for longer than the
    // bucket takes to fill (1 s here), the refill of that stall is lost. Max lateness shows it.
    System.out.printf(
        "%-28s offered %6d  admitted %6d  expected %7.0f  error %+.2f%%  max late %d ms%n",
        label,
        offered.get(),
        admitted.get(),
        expected,
        100 * (admitted.get() - expected) / expected,
        maxLateNanos.get() / 1_000_000);
  }

  /** Sends on a fixed schedule (open loop): a late request does not delay the ones after it. */
  private static void drive(
      Gateway gateway,
      long first,
      long end,
      long interval,
      AtomicInteger offered,
      AtomicLong maxLateNanos) {
    for (long next = first; next < end; next += interval) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else {
        maxLateNanos.accumulateAndGet(-wait, Math::max);
      }
      try (Response response = gateway.handle(Request.of("GET", "/api"))) {
        offered.incrementAndGet();
        if (response.status() != 204 && response.status() != 429) {
          throw new IllegalStateException("unexpected status " + response.status());
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
