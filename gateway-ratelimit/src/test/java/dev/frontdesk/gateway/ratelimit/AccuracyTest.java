package dev.frontdesk.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drives a limit of N per second at two to three times that rate for ten (simulated) seconds: the
 * gateway must admit N * 10 plus the burst, within 1%. Time comes from a ticker the test moves, so
 * the run takes well under a second; the real-time run is in docs/ratelimit.md.
 */
class AccuracyTest {
  @ParameterizedTest(name = "{0}/s, burst {1}, offered {2}/s, greedy {3}")
  @CsvSource({
    "100, 100, 250, true",
    "100, 20, 300, true",
    "50, 50, 100, false",
  })
  void admitsTheRateTimesTheDurationPlusTheBurst(
      long rate, long burst, long offered, boolean greedy) throws Exception {
    FakeClock ticker = new FakeClock();
    RateLimit.RefillStage stage = RateLimit.capacity(burst);
    RateLimit limit =
        (greedy
                ? stage.refillGreedy(rate, Duration.ofSeconds(1))
                : stage.refillIntervally(rate, Duration.ofSeconds(1)))
            .build();
    RateLimiter limiter =
        RateLimiter.builder()
            .limit(limit)
            .backend(RateLimitBackend.localBuilder().ticker(ticker).build())
            .build();
    AtomicInteger upstreamCalls = new AtomicInteger();
    int rejected = 0;
    try (Gateway gateway =
        Gateway.builder()
            .route(
                "api",
                r ->
                    r.path("/api")
                        .use(limiter)
                        .handleWith(
                            request -> {
                              upstreamCalls.incrementAndGet();
                              return Response.of(204);
                            }))
            .build()) {
      long step = Duration.ofSeconds(1).toNanos() / offered;
      for (long i = 0; i < offered * 10; i++) {
        try (Response response = gateway.handle(Request.of("GET", "/api"))) {
          rejected += response.status() == 429 ? 1 : 0;
        }
        ticker.advance(Duration.ofNanos(step));
      }
    }
    // A greedy refill adds rate * 10 over ten seconds; an interval refill adds its tokens at the
    // end of each second, so nine refills fall inside [0 s, 10 s).
    double expected = burst + (greedy ? rate * 10 : rate * 9);
    System.out.printf(
        "accuracy %d/s burst %d offered %d/s greedy %s: admitted %d, expected %.0f%n",
        rate, burst, offered, greedy, upstreamCalls.get(), expected);
    assertThat((double) upstreamCalls.get()).isCloseTo(expected, within(expected * 0.01));
    assertThat(rejected + upstreamCalls.get()).isEqualTo((int) (offered * 10));
  }
}
