package dev.frontdesk.gateway.ratelimit;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.internal.BackendFailures;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.LogCapture;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A backend that fails now and then: what the limiter logs and counts about it. */
class BackendOutageTest {
  private final FakeClock ticker = new FakeClock();
  private final FlakyBackend backend =
      new FlakyBackend(RateLimitBackend.localBuilder().ticker(ticker).build());
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

  @Test
  void aFlappingBackendIsOneOutageWithOneWarningAndOneLineWhenItIsQuietAgain() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder()
            .name("api")
            .backend(backend)
            .ticker(ticker)
            .limit(RateLimit.of(10_000, Duration.ofSeconds(1)))
            .failureMode(FailureMode.CLOSED)
            .build();
    try (LogCapture log = LogCapture.of(BackendFailures.class.getName());
        Gateway gateway = gateway(limiter)) {
      for (int i = 0; i < 60; i++) { // 6 s in which every other check times out
        backend.down = i % 2 == 0;
        assertThat(status(gateway.handle(Request.of("GET", "/api/x"))))
            .isEqualTo(backend.down ? 503 : 200);
        ticker.advance(Duration.ofMillis(100));
      }
      assertThat(lines(log))
          .containsExactly(
              "WARN rate limiter 'api': backend unavailable, applying its failure mode: Redis command timed out");

      ticker.advance(BackendFailures.QUIET.minusMillis(200)); // 10 s after the last failure
      for (int i = 0; i < 5; i++) {
        assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
      }
      assertThat(lines(log))
          .hasSize(2)
          .last()
          .isEqualTo(
              "INFO rate limiter 'api': backend answers again; 30 checks failed over 5 s, none in the last 10 s");

      backend.down = true; // a new outage is a new warning
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(503);
      assertThat(lines(log)).hasSize(3).last().asString().startsWith("WARN ");
    }
    assertThat(limiter.backendFailureCount()).isEqualTo(31);
  }

  @Test
  void checksThatAnswerWithinTheQuietTimeDoNotEndTheOutage() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder()
            .name("api")
            .backend(backend)
            .ticker(ticker)
            .limit(RateLimit.of(10_000, Duration.ofSeconds(1)))
            .failureMode(FailureMode.CLOSED)
            .build();
    try (LogCapture log = LogCapture.of(BackendFailures.class.getName());
        Gateway gateway = gateway(limiter)) {
      backend.down = true;
      status(gateway.handle(Request.of("GET", "/api/x")));
      backend.down = false;
      ticker.advance(BackendFailures.QUIET.minusMillis(1));
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
      assertThat(lines(log)).hasSize(1);

      ticker.advance(Duration.ofMillis(1));
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
      assertThat(lines(log)).hasSize(2).last().asString().contains("1 checks failed over 0 s");
    }
  }

  @Test
  void failOpenLimitsEachKeyToThisInstancesShareWhileTheBackendIsDown() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder()
            .backend(backend)
            .ticker(ticker)
            .expectedInstances(3)
            .limit(RateLimit.of(30, Duration.ofMinutes(1)))
            .build();
    backend.down = true;
    try (Gateway gateway = gateway(limiter)) {
      for (int i = 0; i < 10; i++) {
        try (Response passed = gateway.handle(Request.of("GET", "/api/x"))) {
          assertThat(passed.status()).isEqualTo(200);
          assertThat(passed.headers().contains("RateLimit")).isFalse();
        }
      }
      Response limited = gateway.handle(Request.of("GET", "/api/x"));
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("60");
      assertThat(limited.headers().contains("RateLimit"))
          .isFalse(); // the fleet's quota is unknown now
      assertThat(problem(limited).get("detail").asText())
          .isEqualTo("rate limit 'default' exceeded");
      for (int i = 0; i < 29; i++) {
        assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(429);
      }
      assertThat(
              status(
                  gateway.handle(
                      Request.builder().target("/api/x").remoteAddress("192.0.2.7").build())))
          .isEqualTo(200); // its own share

      ticker.advance(Duration.ofMinutes(1));
      assertThat(status(gateway.handle(Request.of("GET", "/api/x"))))
          .isEqualTo(200); // the share refills
    }
    assertThat(limiter.allowedCount()).isEqualTo(12);
    assertThat(limiter.rejectedCount()).isEqualTo(30);
    assertThat(limiter.backendFailureCount()).isEqualTo(42);
    assertThat(upstream.getRequestCount()).isEqualTo(12);
  }

  @Test
  void limitsApplyFromTheBackendAgainWithTheFirstCheckItAnswers() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder()
            .backend(backend)
            .ticker(ticker)
            .expectedInstances(2)
            .limit(RateLimit.of(4, Duration.ofMinutes(1)))
            .build();
    try (Gateway gateway = gateway(limiter)) {
      backend.down = true;
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(200);
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(429);

      backend.down = false; // the backend's bucket is untouched: all four of its tokens are there
      for (int i = 0; i < 4; i++) {
        try (Response passed = gateway.handle(Request.of("GET", "/api/x"))) {
          assertThat(passed.status()).isEqualTo(200);
          assertThat(passed.header("RateLimit")).isEqualTo("\"default\";r=" + (3 - i) + ";t=60");
        }
      }
      assertThat(status(gateway.handle(Request.of("GET", "/api/x")))).isEqualTo(429);
    }
  }

  private static List<String> lines(LogCapture log) {
    return log.events().stream().map(BackendOutageTest::line).toList();
  }

  private static String line(ILoggingEvent e) {
    return (e.getLevel() == Level.WARN ? "WARN " : e.getLevel() + " ") + e.getFormattedMessage();
  }

  /** A backend whose store times out while {@code down}. */
  static final class FlakyBackend implements RateLimitBackend {
    private final RateLimitBackend delegate;
    volatile boolean down;

    FlakyBackend(RateLimitBackend delegate) {
      this.delegate = delegate;
    }

    @Override
    public RateLimitResult tryConsume(String key, RateLimit limit) {
      if (down) {
        throw new RateLimitBackendException("Redis command timed out");
      }
      return delegate.tryConsume(key, limit);
    }
  }
}
