package dev.frontdesk.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void aLimitListsItsBandwidthsInOrder() {
    RateLimit limit =
        RateLimit.capacity(20)
            .refillGreedy(10, Duration.ofSeconds(1))
            .andCapacity(1_000)
            .refillIntervally(1_000, Duration.ofHours(1))
            .name("api")
            .build();
    assertThat(limit.name()).isEqualTo("api");
    assertThat(limit.bandwidths()).hasSize(2);
    assertThat(limit.bandwidths().get(0).greedy()).isTrue();
    assertThat(limit.bandwidths().get(1).refillPeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(limit.timeToFullRefill()).isEqualTo(Duration.ofHours(1));
    assertThat(limit.bandwidths().get(0).timeToFullRefill()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void equalLimitsAreEqual() {
    assertThat(RateLimit.of(5, Duration.ofSeconds(10)))
        .isEqualTo(RateLimit.capacity(5).refillIntervally(5, Duration.ofSeconds(10)).build())
        .isNotEqualTo(RateLimit.capacity(5).refillGreedy(5, Duration.ofSeconds(10)).build());
  }

  @Test
  void invalidPartsAreRejectedWithMessagesNamingThem() {
    assertThatThrownBy(() -> RateLimit.capacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be at least 1: 0");
    assertThatThrownBy(() -> RateLimit.capacity(1).refillGreedy(0, Duration.ofSeconds(1)))
        .hasMessage("refill tokens must be at least 1: 0");
    assertThatThrownBy(() -> RateLimit.capacity(1).refillGreedy(1, Duration.ZERO))
        .hasMessage("refill period must be positive: PT0S");
    assertThatThrownBy(() -> RateLimit.capacity(1).refillGreedy(2_000, Duration.ofNanos(1_000)))
        .hasMessage("refill rate must be at most 1 token per nanosecond: 2000 per PT0.000001S");
    assertThatThrownBy(
            () -> RateLimit.capacity(1).refillGreedy(1, Duration.ofSeconds(1)).name("a b"))
        .hasMessage("name must be printable ASCII without spaces or quotes: 'a b'");
  }

  @Test
  void buildersRefuseIncompleteOrDuplicateSettings() {
    assertThatThrownBy(() -> RateLimiter.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("limit is required: call limit(RateLimit) before build()");
    RateLimit limit = RateLimit.of(1, Duration.ofSeconds(1));
    assertThatCode(
            () ->
                RateLimiter.builder().limit(limit).plan("gold", limit).plan("gold", limit).build())
        .as("a plan set again for a group replaces the first: the last call wins")
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ConcurrencyLimiter.builder().build())
        .hasMessage("maxConcurrent is required: call maxConcurrent(int) before build()");
    assertThatThrownBy(() -> ConcurrencyLimiter.builder().maxConcurrent(0))
        .hasMessage("maxConcurrent must be at least 1: 0");
    assertThatThrownBy(() -> RateLimitBackend.localBuilder().maximumKeys(0))
        .hasMessage("maximumKeys must be at least 1: 0");
  }
}
