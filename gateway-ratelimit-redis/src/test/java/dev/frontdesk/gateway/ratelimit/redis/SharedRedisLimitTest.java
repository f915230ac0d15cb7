package dev.frontdesk.gateway.ratelimit.redis;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.KeyResolver;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimitBackendException;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import dev.frontdesk.gateway.ratelimit.redis.testing.RedisProcess;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two gateway instances, each with its own Redis backend and connection, share one real Redis. */
class SharedRedisLimitTest {
  private static RedisProcess redis;
  private final FakeClock clock = FakeClock.at(Instant.ofEpochMilli(System.currentTimeMillis()));
  private MockWebServer upstream;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = TestUpstreams.alwaysOk();
    redis.command("FLUSHALL");
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  private Gateway instance(RateLimitBackend backend, RateLimit limit) {
    RateLimiter limiter =
        RateLimiter.builder()
            .name("api")
            .limit(limit)
            .backend(backend)
            .key(KeyResolver.clientAddress())
            .legacyHeaders(true)
            .build();
    return Gateway.builder()
        .route("api", r -> r.path("/api/**").use(limiter).proxyTo(upstream.url("/").toString()))
        .build();
  }

  private RedisBackend.Builder backend() {
    // A generous timeout: on a loaded CI machine a 250 ms stall would fail open and over-admit.
    return RedisBackend.builder(redis.uri()).ticker(clock).commandTimeout(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @EnumSource(
      value = SyncMode.class,
      names = {"PLAIN", "BATCHING"})
  void twoInstancesSharingRedisShareOneLimit(SyncMode mode) throws Exception {
    RateLimit limit = RateLimit.of(5, Duration.ofMinutes(1));
    try (RateLimitBackend backendA = backend().syncMode(mode).build();
        RateLimitBackend backendB = backend().syncMode(mode).build();
        Gateway a = instance(backendA, limit);
        Gateway b = instance(backendB, limit)) {
      int admitted = 0;
      for (int i = 0; i < 4; i++) {
        admitted += status(a.handle(Request.of("GET", "/api/a" + i))) == 200 ? 1 : 0;
        admitted += status(b.handle(Request.of("GET", "/api/b" + i))) == 200 ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(5);
      Response rejected = b.handle(Request.of("GET", "/api/late"));
      assertThat(rejected.status()).isEqualTo(429);
      assertThat(rejected.header("Retry-After")).isEqualTo("60");
      assertThat(rejected.header("RateLimit")).isEqualTo("\"default\";r=0;t=60");
      assertThat(rejected.header("X-RateLimit-Remaining")).isEqualTo("0");
      assertThat(problem(rejected).get("status").asInt()).isEqualTo(429);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(5);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/a0");
  }

  @Test
  void bucketsLiveUnderThePrefixedKeyAndExpireInRedis() throws Exception {
    try (RateLimitBackend backend = backend().keyPrefix("test:").build();
        Gateway gateway = instance(backend, RateLimit.of(5, Duration.ofSeconds(30)))) {
      try (Response response =
          gateway.handle(Request.builder().target("/api/x").remoteAddress("192.0.2.9").build())) {
        assertThat(response.header("RateLimit")).isEqualTo("\"default\";r=4;t=30");
      }
    }
    String key = "test:api/*/ee4abccb/ip:192.0.2.9"; // the digest of 5 per 30 s
    assertThat(redis.command("EXISTS", key)).isEqualTo(":1");
    long ttlMillis = Long.parseLong(redis.command("PTTL", key).substring(1));
    assertThat(ttlMillis).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(32).toMillis());
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  /**
   * An operator lowers a limit and restarts the gateway: a client that was already counted gets the
   * new limit at once, not the old one for as long as it keeps its Redis key alive.
   */
  @Test
  void aChangedLimitAppliesToClientsAlreadyCountedInRedis() throws Exception {
    try (RateLimitBackend before = backend().build();
        Gateway old = instance(before, RateLimit.of(100, Duration.ofMinutes(1)));
        Response first = old.handle(Request.of("GET", "/api/before"))) {
      assertThat(first.header("RateLimit")).isEqualTo("\"default\";r=99;t=60");
    }
    try (RateLimitBackend after = backend().build();
        Gateway restarted = instance(after, RateLimit.of(2, Duration.ofMinutes(1)))) {
      try (Response second = restarted.handle(Request.of("GET", "/api/after1"))) {
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("RateLimit-Policy")).isEqualTo("\"default\";q=2;w=60");
        assertThat(second.header("RateLimit")).isEqualTo("\"default\";r=1;t=60");
      }
      assertThat(status(restarted.handle(Request.of("GET", "/api/after2")))).isEqualTo(200);
      Response rejected = restarted.handle(Request.of("GET", "/api/after3"));
      assertThat(rejected.status()).isEqualTo(429);
      assertThat(rejected.header("RateLimit")).isEqualTo("\"default\";r=0;t=60");
      assertThat(problem(rejected).get("detail").asText())
          .isEqualTo("rate limit 'default' exceeded");
    }
    assertThat(upstream.getRequestCount()).isEqualTo(3);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/before");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/after1");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/after2");
  }

  /**
   * A key taken from a header is as long as the client makes it: its Redis key (and the handle this
   * process caches for it) must stay short, and still tell clients apart.
   */
  @Test
  void aHugeClientChosenKeyIsStoredShortAndStillHasItsOwnBucket() throws Exception {
    String common = "t".repeat(6_000);
    try (RateLimitBackend backend = backend().build();
        Gateway gateway =
            Gateway.builder()
                .route(
                    "api",
                    r ->
                        r.path("/api/**")
                            .use(
                                RateLimiter.builder()
                                    .name("api")
                                    .limit(RateLimit.of(1, Duration.ofMinutes(1)))
                                    .key(KeyResolver.header("X-Tenant"))
                                    .backend(backend)
                                    .build())
                            .proxyTo(upstream.url("/").toString()))
                .build()) {
      for (String tenant : new String[] {common + "a", common + "b"}) {
        Request request =
            Request.builder()
                .target("/api/" + tenant.charAt(6_000))
                .header("X-Tenant", tenant)
                .build();
        assertThat(status(gateway.handle(request))).isEqualTo(200);
        assertThat(status(gateway.handle(request))).isEqualTo(429);
      }
    }
    assertThat(redis.command("DBSIZE")).isEqualTo(":3"); // two clients and the warm-up key
    String longestKey =
        redis.command(
            "EVAL",
            "local n = 0 for _, k in ipairs(redis.call('KEYS', '*')) do n = math.max(n, #k) end"
                + " return n",
            "0");
    assertThat(Long.parseLong(longestKey.substring(1))).isLessThanOrEqualTo(200);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
    assertThat(upstream.takeRequest().getHeaders().get("X-Tenant")).isEqualTo(common + "a");
    assertThat(upstream.takeRequest().getHeaders().get("X-Tenant")).isEqualTo(common + "b");
  }

  @Test
  void closingTheGatewayClosesTheRedisBackendItsLimiterUses() throws Exception {
    // This backend's threads only: a backend another test class left running fails there, not here.
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    RateLimitBackend backend = backend().build();
    Gateway gateway = instance(backend, RateLimit.of(5, Duration.ofSeconds(30)));
    try (Response response = gateway.handle(Request.of("GET", "/api/x"))) {
      assertThat(response.status()).isEqualTo(200);
    }
    gateway.close();

    assertThatThrownBy(() -> backend.tryConsume("k", RateLimit.of(5, Duration.ofSeconds(30))))
        .isInstanceOf(RateLimitBackendException.class)
        .hasMessage("the Redis backend is closed");
    Poller.until(
        "the backend's Lettuce threads have ended",
        Duration.ofSeconds(5),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("lettuce-")));
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  /**
   * N per second offered at 2.5 N per second for ten simulated seconds, alternating between two
   * instances: the fleet admits N * 10 + burst within 2%.
   */
  @ParameterizedTest
  @EnumSource(SyncMode.class)
  void twoInstancesTogetherAdmitTheRateTimesTheDurationPlusTheBurst(SyncMode mode)
      throws Exception {
    UnaryOperator<RedisBackend.Builder> configure =
        mode == SyncMode.DELAYED
            ? b -> b.delayedSync(5, Duration.ofMillis(100))
            : b -> b.syncMode(mode);
    RateLimit limit = RateLimit.capacity(50).refillGreedy(50, Duration.ofSeconds(1)).build();
    AtomicInteger upstreamCalls = new AtomicInteger();
    try (RateLimitBackend backendA = configure.apply(backend()).build();
        RateLimitBackend backendB = configure.apply(backend()).build();
        Gateway a = counting(backendA, limit, upstreamCalls);
        Gateway b = counting(backendB, limit, upstreamCalls)) {
      long offered = 125;
      Duration step = Duration.ofSeconds(1).dividedBy(offered);
      for (long i = 0; i < offered * 10; i++) {
        status((i % 2 == 0 ? a : b).handle(Request.of("GET", "/api")));
        clock.advance(step);
      }
    }
    double expected = 50 * 10 + 50;
    System.out.printf(
        "accuracy %s: admitted %d of %d, expected %.0f%n",
        mode, upstreamCalls.get(), 1250, expected);
    assertThat((double) upstreamCalls.get()).isCloseTo(expected, within(expected * 0.02));
  }

  private Gateway counting(RateLimitBackend backend, RateLimit limit, AtomicInteger calls) {
    RateLimiter limiter = RateLimiter.builder().limit(limit).backend(backend).build();
    return Gateway.builder()
        .route(
            "api",
            r ->
                r.path("/api")
                    .use(limiter)
                    .handleWith(
                        request -> {
                          calls.incrementAndGet();
                          return Response.of(204);
                        }))
        .build();
  }
}
