package dev.frontdesk.benchmarks.ratelimit;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimitResult;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a local rate-limit check costs at steady state: the backend alone (a Caffeine lookup and a
 * lock-free Bucket4j consume), on one hot key, over 10,000 keys and when rejecting; and the whole
 * RateLimiter middleware inside Gateway.handle against the same gateway without it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LocalRateLimitBenchmark {
  private static final int KEYS = 10_000;

  /** Never empties at benchmark rates: measures the allowed path at steady state. */
  private final RateLimit generous =
      RateLimit.capacity(1_000_000_000_000L)
          .refillGreedy(1_000_000_000L, Duration.ofSeconds(1))
          .build();

  private final RateLimit exhausted = RateLimit.of(1, Duration.ofDays(1));
  private final String[] keys = new String[KEYS];
  private RateLimitBackend backend;
  private Gateway plain;
  private Gateway limited;

  @Setup
  public void setUp() {
    backend = RateLimitBackend.local();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "rate-limit/*/ip:10.0." + (i / 256) + "." + (i % 256);
    }
    backend.tryConsume("empty", exhausted);
    plain = Gateway.builder().route("api", r -> r.path("/api").respond(204)).build();
    RateLimiter limiter = RateLimiter.builder().limit(generous).build();
    limited = Gateway.builder().route("api", r -> r.path("/api").use(limiter).respond(204)).build();
  }

  @TearDown
  public void tearDown() {
    plain.close();
    limited.close();
  }

  @Benchmark
  public RateLimitResult backendHotKey() {
    return backend.tryConsume("rate-limit/*/ip:10.0.0.1", generous);
  }

  @Benchmark
  public RateLimitResult backendTenThousandKeys() {
    return backend.tryConsume(keys[ThreadLocalRandom.current().nextInt(KEYS)], generous);
  }

  @Benchmark
  public RateLimitResult backendRejecting() {
    return backend.tryConsume("empty", exhausted);
  }

  @Benchmark
  public int gatewayWithoutLimiter() {
    try (Response response = plain.handle(Request.of("GET", "/api"))) {
      return response.status();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public int gatewayWithLimiter() {
    try (Response response = limited.handle(Request.of("GET", "/api"))) {
      return response.status();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
