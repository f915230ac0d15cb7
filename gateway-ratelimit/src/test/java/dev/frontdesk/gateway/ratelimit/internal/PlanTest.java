package dev.frontdesk.gateway.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.ratelimit.RateLimit;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One instance's share of a limit, for while the shared backend cannot answer. */
class PlanTest {
  @ParameterizedTest(name = "{0} shared by {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "30 per 1 min, intervally   | 1 | 30 burst, 30 per PT1M intervally",
        "30 per 1 min, intervally   | 3 | 10 burst, 10 per PT1M intervally",
        "20 per 1 s, intervally     | 3 | 7 burst, 7 per PT1S intervally",
        "2 per 1 min, intervally    | 5 | 1 burst, 1 per PT1M intervally",
        "burst 20, 10/s greedy      | 4 | 5 burst, 10 per PT4S greedy",
      })
  void eachCapacityAndRefillRateIsDividedAndRoundedUp(String limit, int instances, String share) {
    RateLimit full =
        switch (limit.trim()) {
          case "30 per 1 min, intervally" -> RateLimit.of(30, Duration.ofMinutes(1));
          case "20 per 1 s, intervally" -> RateLimit.of(20, Duration.ofSeconds(1));
          case "2 per 1 min, intervally" -> RateLimit.of(2, Duration.ofMinutes(1));
          default -> RateLimit.capacity(20).refillGreedy(10, Duration.ofSeconds(1)).build();
        };

    RateLimit shared = Plan.share(full, instances);

    assertThat(shared.name()).isEqualTo(full.name());
    assertThat(shared.bandwidths()).singleElement().hasToString(share.trim());
  }
}
