package dev.frontdesk.gateway.ratelimit.redis;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.FailureMode;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimitBackendException;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import dev.frontdesk.gateway.ratelimit.internal.BackendFailures;
import dev.frontdesk.gateway.ratelimit.redis.testing.RedisProcess;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.LogCapture;
import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kills the real Redis mid-run, then starts it again on the same port. */
class RedisOutageTest {
  private final FakeClock clock = FakeClock.at(Instant.ofEpochMilli(System.currentTimeMillis()));
  private RedisProcess redis;
  private MockWebServer upstream;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    upstream = TestUpstreams.alwaysOk();
  }

  @AfterEach
  void stop() {
    upstream.close();
    redis.close();
  }

  private Gateway gateway(RateLimiter limiter) {
    return Gateway.builder()
        .route("api", r -> r.path("/api/**").use(limiter).proxyTo(upstream.url("/").toString()))
        .build();
  }

  private RateLimiter.Builder twoPerMinute(RateLimitBackend backend) {
    return RateLimiter.builder()
        .name("outage")
        .backend(backend)
        .limit(RateLimit.of(2, Duration.ofMinutes(1)));
  }

  /** One request let through to the upstream without a limit: its answer, no RateLimit header. */
  private static void passesUnlimited(Gateway gateway, String path) throws IOException {
    try (Response passed = gateway.handle(Request.of("GET", path))) {
      assertThat(passed.status()).isEqualTo(200);
      assertThat(passed.body().string()).isEqualTo("ok");
      assertThat(passed.headers().contains("RateLimit")).isFalse();
    }
  }

  @Test
  void failOpenLimitsFromALocalBucketWithAWarningAndFromRedisAgainOnceItIsBack() throws Exception {
    try (RateLimitBackend backend =
        RedisBackend.builder(redis.uri())
            .ticker(clock)
            .commandTimeout(Duration.ofSeconds(2))
            .build()) {
      RateLimiter limiter = twoPerMinute(backend).ticker(clock).build();
      try (Gateway gateway = gateway(limiter)) {
        assertThat(status(gateway.handle(Request.of("GET", "/api/1")))).isEqualTo(200);
        assertThat(status(gateway.handle(Request.of("GET", "/api/2")))).isEqualTo(200);
        assertThat(status(gateway.handle(Request.of("GET", "/api/3")))).isEqualTo(429);

        redis.kill();
        try (LogCapture log = LogCapture.warnings(BackendFailures.class)) {
          for (int i = 0;
              i < 2;
              i++) { // a new local bucket: this one instance's share is the whole limit
            passesUnlimited(gateway, "/api/down" + i);
          }
          assertThat(status(gateway.handle(Request.of("GET", "/api/down2")))).isEqualTo(429);
          assertThat(log.messages())
              .singleElement()
              .asString()
              .startsWith(
                  "rate limiter 'outage': backend unavailable, applying its failure mode: ");
        }
        assertThat(limiter.backendFailureCount()).isEqualTo(3);
        assertThat(upstream.getRequestCount()).isEqualTo(4);

        redis.startAgain();
        Poller.until(
            Duration.ofSeconds(30),
            () -> {
              try (Response r = gateway.handle(Request.of("GET", "/api/probe"))) {
                return r.headers().contains("RateLimit");
              }
            });
        // The restarted Redis is empty: the probe that saw headers took the first of two tokens.
        assertThat(status(gateway.handle(Request.of("GET", "/api/after")))).isEqualTo(200);
        Response limited = gateway.handle(Request.of("GET", "/api/after"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        limited.close();
      }
    }
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/1");
  }

  @Test
  void failClosedAnswers503WithRetryAfterAndNothingReachesTheUpstreamUntilRedisIsBack()
      throws Exception {
    try (RateLimitBackend backend =
        RedisBackend.builder(redis.uri())
            .ticker(clock)
            .commandTimeout(Duration.ofSeconds(2))
            .build()) {
      RateLimiter limiter =
          twoPerMinute(backend)
              .failureMode(FailureMode.CLOSED)
              .failureRetryAfter(Duration.ofSeconds(5))
              .build();
      try (Gateway gateway = gateway(limiter)) {
        assertThat(status(gateway.handle(Request.of("GET", "/api/1")))).isEqualTo(200);

        redis.kill();
        Response refused = gateway.handle(Request.of("GET", "/api/down"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode body = problem(refused);
        assertThat(body.get("detail").asText()).isEqualTo("the rate limiter cannot decide now");
        assertThat(upstream.getRequestCount()).isEqualTo(1);

        redis.startAgain();
        Poller.until(
            Duration.ofSeconds(30),
            () -> status(gateway.handle(Request.of("GET", "/api/probe"))) == 200);
        assertThat(limiter.backendFailureCount()).isPositive();
      }
    }
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  /**
   * The first connect is refused at once and the warm-up asks whether the backend is connected well
   * within the reconnect delay, before a second attempt: that is "not connected", not the failed
   * attempt's exception thrown out of {@code build()} (which also left Lettuce's threads running).
   */
  @Test
  void aBackendBuiltWhileRedisRefusesConnectionsBuildsAndItsChecksFailAtOnce() throws Exception {
    redis.kill();
    try (RateLimitBackend backend =
        RedisBackend.builder(redis.uri())
            .ticker(clock)
            .maxReconnectDelay(Duration.ofMinutes(10)) // no second attempt while the test runs
            .build()) {
      RateLimiter limiter = twoPerMinute(backend).ticker(clock).build();
      try (Gateway gateway = gateway(limiter)) {
        passesUnlimited(gateway, "/api/early");
        assertThat(limiter.backendFailureCount()).isEqualTo(1);
        assertThatThrownBy(
                () -> backend.tryConsume("outage/*/k", RateLimit.of(2, Duration.ofMinutes(1))))
            .isInstanceOf(RateLimitBackendException.class)
            .hasMessageStartingWith("not connected to Redis at redis://127.0.0.1:" + redis.port())
            .hasRootCauseInstanceOf(ConnectException.class);
      }
    }
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGatewayStartsWhileRedisIsDownAndLimitsOnceItComesUp() throws Exception {
    redis.kill();
    try (RateLimitBackend backend =
        RedisBackend.builder(redis.uri())
            .ticker(clock)
            .commandTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(1))
            .maxReconnectDelay(Duration.ofMillis(100))
            .build()) {
      try (Gateway gateway = gateway(twoPerMinute(backend).build())) {
        passesUnlimited(gateway, "/api/early");
        redis.startAgain();
        Poller.until(
            Duration.ofSeconds(30),
            () -> {
              try (Response r = gateway.handle(Request.of("GET", "/api/probe"))) {
                return r.headers().contains("RateLimit");
              }
            });
        assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
        assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(429);
      }
    }
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/early");
  }
}
