package dev.frontdesk.gateway.ratelimit;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeClock ticker = new FakeClock();
  private final RateLimitBackend backend = RateLimitBackend.localBuilder().ticker(ticker).build();
  private MockWebServer upstream;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = TestUpstreams.alwaysOk();
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  private Gateway gateway(RateLimiter limiter) {
    return Gateway.builder()
        .route("api", r -> r.path("/api/**").use(limiter).proxyTo(upstream.url("/").toString()))
        .build();
  }

  private RateLimiter.Builder fivePerTenSeconds() {
    return RateLimiter.builder().backend(backend).limit(RateLimit.of(5, Duration.ofSeconds(10)));
  }

  @Test
  void admitsTheCapacityThenAnswers429ProblemWithRetryAfter() throws Exception {
    try (Gateway gateway = gateway(fivePerTenSeconds().build())) {
      for (int i = 0; i < 5; i++) {
        assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
      }
      Response rejected = gateway.handle(Request.of("GET", "/api/x"));
      assertThat(rejected.status()).isEqualTo(429);
      assertThat(rejected.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(rejected.header("Retry-After")).isEqualTo("10");
      assertThat(rejected.header("RateLimit")).isEqualTo("\"default\";r=0;t=10");
      JsonNode body = problem(rejected);
      assertThat(body.get("status").asInt()).isEqualTo(429);
      assertThat(body.get("title").asText()).isEqualTo("Too Many Requests");
      assertThat(body.get("detail").asText()).isEqualTo("rate limit 'default' exceeded");
      assertThat(body.get("requestId").asText()).isNotBlank();
    }
    assertThat(upstream.getRequestCount()).isEqualTo(5);
  }

  @Test
  void passingResponsesCarryTheIetfFieldsAndNotTheLegacyOnesByDefault() throws Exception {
    try (Gateway gateway = gateway(fivePerTenSeconds().build());
        Response first = gateway.handle(Request.of("GET", "/api/x"))) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body().string()).isEqualTo("ok");
      assertThat(first.header("RateLimit-Policy")).isEqualTo("\"default\";q=5;w=10");
      assertThat(first.header("RateLimit")).isEqualTo("\"default\";r=4;t=10");
      assertThat(first.headers().contains("X-RateLimit-Limit")).isFalse();
    }
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/x");
  }

  @Test
  void legacyFieldsCanBeAddedAndIetfFieldsTurnedOff() throws Exception {
    RateLimiter limiter = fivePerTenSeconds().legacyHeaders(true).ietfHeaders(false).build();
    try (Gateway gateway = gateway(limiter)) {
      status(gateway.handle(Request.of("GET", "/api/x")));
      try (Response second = gateway.handle(Request.of("GET", "/api/x"))) {
        assertThat(second.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(second.header("X-RateLimit-Remaining")).isEqualTo("3");
        assertThat(second.header("X-RateLimit-Reset")).isEqualTo("10");
        assertThat(second.headers().contains("RateLimit")).isFalse();
      }
    }
  }

  @Test
  void anIntervalRefillReturnsAllTokensOnlyAtTheEndOfThePeriod() throws Exception {
    try (Gateway gateway = gateway(fivePerTenSeconds().build())) {
      for (int i = 0; i < 5; i++) {
        status(gateway.handle(Request.of("GET", "/api/x")));
      }
      ticker.advance(Duration.ofSeconds(9));
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(429);
      ticker.advance(Duration.ofSeconds(1));
      try (Response refilled = gateway.handle(Request.of("GET", "/api/x"))) {
        assertThat(refilled.status()).isEqualTo(200);
        assertThat(refilled.header("RateLimit")).isEqualTo("\"default\";r=4;t=10");
      }
    }
    assertThat(upstream.getRequestCount()).isEqualTo(6);
  }

  @Test
  void aGreedyRefillReturnsTokensBitByBit() throws Exception {
    RateLimit limit = RateLimit.capacity(10).refillGreedy(10, Duration.ofSeconds(1)).build();
    try (Gateway gateway = gateway(RateLimiter.builder().backend(backend).limit(limit).build())) {
      for (int i = 0; i < 10; i++) {
        status(gateway.handle(Request.of("GET", "/api/x")));
      }
      Response rejected = gateway.handle(Request.of("GET", "/api/x"));
      assertThat(rejected.status()).isEqualTo(429);
      assertThat(rejected.header("Retry-After")).isEqualTo("1");
      rejected.close();
      ticker.advance(Duration.ofMillis(300));
      int passed = 0;
      for (int i = 0; i < 5; i++) {
        passed += status(gateway.handle(Request.of("GET", "/api/x"))) == 200 ? 1 : 0;
      }
      assertThat(passed).isEqualTo(3);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(13);
  }

  @Test
  void everyBandwidthOfALimitMustAllowTheRequest() throws Exception {
    RateLimit limit =
        RateLimit.capacity(2)
            .refillGreedy(2, Duration.ofSeconds(1))
            .andCapacity(3)
            .refillIntervally(3, Duration.ofMinutes(1))
            .name("api")
            .build();
    try (Gateway gateway = gateway(RateLimiter.builder().backend(backend).limit(limit).build())) {
      try (Response first = gateway.handle(Request.of("GET", "/api/x"))) {
        assertThat(first.header("RateLimit-Policy"))
            .isEqualTo("\"api\";q=2;w=1, \"api-2\";q=3;w=60");
      }
      status(gateway.handle(Request.of("GET", "/api/x")));
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(429);
      ticker.advance(Duration.ofSeconds(1));
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
      ticker.advance(Duration.ofSeconds(1));
      Response perMinute = gateway.handle(Request.of("GET", "/api/x"));
      assertThat(perMinute.status()).isEqualTo(429);
      assertThat(perMinute.header("Retry-After")).isEqualTo("58");
      perMinute.close();
    }
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  /**
   * A global limiter outside a route's tighter one: the route's 429 must keep the fields that
   * explain it, not be relabelled with the global limiter's plentiful remaining quota.
   */
  @Test
  void aRefusalByAnInnerLimiterKeepsItsFieldsAndAPassCarriesBothLimits() throws Exception {
    RateLimiter global =
        RateLimiter.builder()
            .name("global")
            .backend(backend)
            .legacyHeaders(true)
            .limit(
                RateLimit.capacity(100)
                    .refillIntervally(100, Duration.ofMinutes(1))
                    .name("global")
                    .build())
            .build();
    RateLimiter route =
        RateLimiter.builder()
            .name("route")
            .backend(backend)
            .legacyHeaders(true)
            .limit(
                RateLimit.capacity(2)
                    .refillIntervally(2, Duration.ofMinutes(1))
                    .name("route")
                    .build())
            .build();
    try (Gateway gateway =
        Gateway.builder()
            .use(global)
            .route("api", r -> r.path("/api/**").use(route).proxyTo(upstream.url("/").toString()))
            .build()) {
      try (Response passed = gateway.handle(Request.of("GET", "/api/1"))) {
        assertThat(passed.status()).isEqualTo(200);
        assertThat(passed.headers().values("RateLimit-Policy"))
            .containsExactly("\"route\";q=2;w=60", "\"global\";q=100;w=60");
        assertThat(passed.headers().values("RateLimit"))
            .containsExactly("\"route\";r=1;t=60", "\"global\";r=99;t=60");
        assertThat(passed.header("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(passed.header("X-RateLimit-Remaining")).isEqualTo("1");
      }
      status(gateway.handle(Request.of("GET", "/api/2")));
      Response refused = gateway.handle(Request.of("GET", "/api/3"));
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("60");
      assertThat(refused.headers().values("RateLimit"))
          .containsExactly("\"route\";r=0;t=60", "\"global\";r=97;t=60");
      assertThat(refused.headers().values("X-RateLimit-Remaining")).containsExactly("0");
      assertThat(refused.headers().values("X-RateLimit-Limit")).containsExactly("2");
      assertThat(problem(refused).get("detail").asText()).isEqualTo("rate limit 'route' exceeded");
    }
    assertThat(upstream.getRequestCount()).isEqualTo(2);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/1");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/2");
  }

  @Test
  void limitersCountWhatTheyAllowAndReject() throws Exception {
    RateLimiter limiter = fivePerTenSeconds().build();
    try (Gateway gateway = gateway(limiter)) {
      for (int i = 0; i < 8; i++) {
        status(gateway.handle(Request.of("GET", "/api/x")));
      }
    }
    assertThat(limiter.allowedCount()).isEqualTo(5);
    assertThat(limiter.rejectedCount()).isEqualTo(3);
    assertThat(limiter.backendFailureCount()).isZero();
    assertThat(upstream.getRequestCount()).isEqualTo(5);
  }
}
