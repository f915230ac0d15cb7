package dev.frontdesk.benchmarks.ratelimit;

import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimitResult;
import dev.frontdesk.gateway.ratelimit.redis.RedisBackend;
import dev.frontdesk.gateway.ratelimit.redis.SyncMode;
import dev.frontdesk.gateway.ratelimit.redis.testing.RedisProcess;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a Redis rate-limit check costs per sync mode, on one hot key (where batching and delayed
 * sync help). Run with {@code -t 1} and {@code -t 4}: batching only merges concurrent checks.
 * Starts its own redis-server (PATH, or the binary inside embedded-redis).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RedisRateLimitBenchmark {
  @Param({"PLAIN", "BATCHING", "DELAYED"})
  public String mode;

  /** Never empties at benchmark rates: measures the allowed path at steady state. */
  private final RateLimit generous =
      RateLimit.capacity(1_000_000_000_000L)
          .refillGreedy(1_000_000_000L, Duration.ofSeconds(1))
          .build();

  private RedisProcess redis;
  private RateLimitBackend backend;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    redis = RedisProcess.start();
    // Generous: this measures the cost of a check, not how a stalled machine trips timeouts.
    RedisBackend.Builder builder =
        RedisBackend.builder(redis.uri()).commandTimeout(Duration.ofSeconds(10));
    backend =
        mode.equals("DELAYED")
            ? builder.delayedSync(100, Duration.ofMillis(100)).build()
            : builder.syncMode(SyncMode.valueOf(mode)).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
    redis.close();
  }

  @Benchmark
  public RateLimitResult hotKey() {
    return backend.tryConsume("bench/*/ip:10.0.0.1", generous);
  }
}
