package dev.frontdesk.gateway.ratelimit;

import static dev.frontdesk.gateway.testing.ConfigProblems.thrownBy;
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
  void invalidPartsAreRecordedAndBuildListsThemNamingEach() {
    assertThat(thrownBy(() -> RateLimit.capacity(0).refillGreedy(1, Duration.ofSeconds(1)).build()))
        .containsExactly("RateLimit: capacity must be at least 1: 0");
    assertThat(thrownBy(() -> RateLimit.capacity(1).refillGreedy(0, Duration.ofSeconds(1)).build()))
        .containsExactly("RateLimit: refill tokens must be at least 1: 0");
    assertThat(thrownBy(() -> RateLimit.capacity(1).refillGreedy(1, Duration.ZERO).build()))
        .containsExactly("RateLimit: refill period must be positive: PT0S");
    assertThat(
            thrownBy(
                () -> RateLimit.capacity(1).refillGreedy(2_000, Duration.ofNanos(1_000)).build()))
        .containsExactly(
            "RateLimit: refill rate must be at most 1 token per nanosecond: 2000 per PT0.000001S");
    assertThat(
            thrownBy(
                () ->
                    RateLimit.capacity(1)
                        .refillGreedy(1, Duration.ofSeconds(1))
                        .name("a b")
                        .build()))
        .containsExactly("RateLimit: name must be printable ASCII without spaces or quotes: 'a b'");
    assertThat(thrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1))))
        .as("RateLimit.of builds through the stages: 0 is both the capacity and the refill")
        .containsExactly(
            "RateLimit: capacity must be at least 1: 0",
            "RateLimit: refill tokens must be at least 1: 0");
    assertThatThrownBy(() -> RateLimit.capacity(1).refillGreedy(1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("period");
  }

  @Test
  void everyMistakeOfALimitIsListedByOneBuild() {
    RateLimit.BuildStage stage =
        RateLimit.capacity(0)
            .refillGreedy(10, Duration.ofSeconds(1))
            .andCapacity(5)
            .refillIntervally(5, Duration.ZERO)
            .name("");

    assertThat(thrownBy(stage::build))
        .containsExactly(
            "RateLimit: capacity must be at least 1: 0",
            "RateLimit: refill period must be positive: PT0S",
            "RateLimit: name must be printable ASCII without spaces or quotes: ''");
    assertThat(stage.problems()).hasSize(3);
  }

  @Test
  void everyMistakeOfALimiterIsListedByOneBuild() {
    RateLimiter.Builder limiter =
        RateLimiter.builder()
            .name("")
            .failureRetryAfter(Duration.ofSeconds(-1))
            .expectedInstances(0);
    assertThat(thrownBy(limiter::build))
        .containsExactly(
            "RateLimiter: name must not be empty",
            "RateLimiter: retryAfter must not be negative: PT-1S",
            "RateLimiter: expectedInstances must be at least 1: 0",
            "RateLimiter: limit is required: call limit(RateLimit) before build()");
    assertThat(limiter.problems()).as("build() does not record what only it finds").hasSize(3);

    ConcurrencyLimiter.Builder concurrency =
        ConcurrencyLimiter.builder()
            .maxConcurrent(0)
            .maxWait(Duration.ofMillis(-1))
            .retryAfter(Duration.ofSeconds(-2));
    assertThat(thrownBy(concurrency::build))
        .containsExactly(
            "ConcurrencyLimiter: maxConcurrent must be at least 1: 0",
            "ConcurrencyLimiter: maxWait must not be negative: PT-0.001S",
            "ConcurrencyLimiter: retryAfter must not be negative: PT-2S");
  }

  @Test
  void aRefusedValueIsReportedAsItselfNotAsAMissingOne() {
    ConcurrencyLimiter.Builder builder = ConcurrencyLimiter.builder().maxConcurrent(3);
    builder.maxConcurrent(0);
    assertThat(thrownBy(builder::build))
        .containsExactly("ConcurrencyLimiter: maxConcurrent must be at least 1: 0");
    assertThat(thrownBy(() -> ConcurrencyLimiter.builder().maxConcurrent(0).build()))
        .containsExactly("ConcurrencyLimiter: maxConcurrent must be at least 1: 0");
  }

  @Test
  void buildersRefuseIncompleteOrDuplicateSettings() {
    assertThat(thrownBy(() -> RateLimiter.builder().build()))
        .containsExactly("RateLimiter: limit is required: call limit(RateLimit) before build()");
    RateLimit limit = RateLimit.of(1, Duration.ofSeconds(1));
    assertThatCode(
            () ->
                RateLimiter.builder().limit(limit).plan("gold", limit).plan("gold", limit).build())
        .as("a plan set again for a group replaces the first: the last call wins")
        .doesNotThrowAnyException();
    assertThat(thrownBy(() -> ConcurrencyLimiter.builder().build()))
        .containsExactly(
            "ConcurrencyLimiter: maxConcurrent is required: call maxConcurrent(int) before build()");
    assertThat(thrownBy(() -> RateLimitBackend.localBuilder().maximumKeys(0).build()))
        .containsExactly("local backend: maximumKeys must be at least 1: 0");
  }
}
