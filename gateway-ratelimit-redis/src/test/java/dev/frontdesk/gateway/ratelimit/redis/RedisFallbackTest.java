package dev.frontdesk.gateway.ratelimit.redis;

import static dev.frontdesk.gateway.testing.TestUpstreams.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import dev.frontdesk.gateway.ratelimit.redis.internal.LettuceBackend;
import dev.frontdesk.gateway.ratelimit.redis.testing.RedisProcess;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.LogCapture;
import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the real Redis is stopped or stalled, a fail-open limiter of one of three instances admits
 * its third of the limit from a local bucket, not every request; and a new backend has run real
 * checks before {@code build()} returns.
 */
class RedisFallbackTest {
  private static final int OVER_THE_LIMIT = 40;

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
    redis.close(); // SIGKILL ends a paused process too
  }

  /** 30 per minute for the fleet of three: 10 per instance while Redis cannot answer. */
  private RateLimiter oneOfThree(RateLimitBackend backend) {
    return RateLimiter.builder()
        .name("fleet")
        .backend(backend)
        .ticker(clock)
        .expectedInstances(3)
        .limit(RateLimit.of(30, Duration.ofMinutes(1)))
        .build();
  }

  private Gateway gateway(RateLimiter limiter) {
    return Gateway.builder()
        .route("api", r -> r.path("/api/**").use(limiter).proxyTo(upstream.url("/").toString()))
        .build();
  }

  private static int admitted(Gateway gateway, int requests) throws Exception {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      try (Response r = gateway.handle(Request.of("GET", "/api/x"))) {
        admitted += r.status() == 200 ? 1 : 0;
      }
    }
    return admitted;
  }

  @Test
  void withRedisStoppedAnInstanceAdmitsItsShareOfTheLimitNotEveryRequest() throws Exception {
    try (RateLimitBackend backend = RedisBackend.builder(redis.uri()).ticker(clock).build()) {
      RateLimiter limiter = oneOfThree(backend);
      try (Gateway gateway = gateway(limiter)) {
        assertThat(status(gateway.handle(Request.of("GET", "/api/before")))).isEqualTo(200);

        redis.kill();
        assertThat(admitted(gateway, OVER_THE_LIMIT)).isEqualTo(10);
        assertThat(limiter.backendFailureCount()).isEqualTo(OVER_THE_LIMIT);

        clock.advance(
            Duration.ofMinutes(1)); // the local share refills like the limit it stands for
        assertThat(admitted(gateway, OVER_THE_LIMIT)).isEqualTo(10);
      }
    }
    assertThat(upstream.getRequestCount()).isEqualTo(21);
  }

  @Test
  void withRedisStalledChecksTimeOutAndTheLocalShareStillLimits() throws Exception {
    try (RateLimitBackend backend =
        RedisBackend.builder(redis.uri())
            .ticker(clock)
            .commandTimeout(Duration.ofMillis(100))
            .build()) {
      RateLimiter limiter = oneOfThree(backend);
      try (Gateway gateway = gateway(limiter)) {
        redis.pause();
        assertThat(admitted(gateway, 15)).isEqualTo(10); // each waits out the 100 ms timeout
        assertThat(limiter.backendFailureCount()).isEqualTo(15);

        redis.resume();
        Poller.until(
            Duration.ofSeconds(30),
            () -> {
              try (Response r = gateway.handle(Request.of("GET", "/api/probe"))) {
                return r.headers().contains("RateLimit");
              }
            });
      }
    }
  }

  @Test
  void buildRunsRealChecksSoTheFirstRequestsFindTheCheckPathWarm() throws Exception {
    try (LogCapture log = LogCapture.of(LettuceBackend.class.getName());
        RateLimitBackend backend = RedisBackend.builder(redis.uri()).ticker(clock).build()) {
      assertThat(redis.commandCalls("eval") + redis.commandCalls("evalsha")).isPositive();
      assertThat(log.messages())
          .singleElement()
          .asString()
          .matches(
              "Redis at redis://127\\.0\\.0\\.1:\\d+\\S*: 20 warm-up checks answered in \\d+ ms");
      assertThat(backend).isNotNull();
    }
  }
}
