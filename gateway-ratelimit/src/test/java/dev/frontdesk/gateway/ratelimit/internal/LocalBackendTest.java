package dev.frontdesk.gateway.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalBackendTest {
  private final AtomicLong now = new AtomicLong();
  private final RateLimit limit = RateLimit.of(2, Duration.ofSeconds(10));

  @Test
  void aFloodOfNewKeysStaysWithinTheBound() {
    LocalBackend backend = new LocalBackend(1_000, now::get);
    for (int i = 0; i < 20_000; i++) {
      backend.tryConsume("ip:spoofed-" + i, limit);
    }
    assertThat(backend.size()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void aBucketLeftAloneExpiresOnceItWouldHaveRefilledCompletely() {
    LocalBackend backend = new LocalBackend(1_000, now::get);
    backend.tryConsume("ip:a", limit);
    backend.tryConsume("ip:a", limit);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(backend.size()).isEqualTo(1);
    assertThat(backend.tryConsume("ip:a", limit).isAllowed()).isFalse();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(backend.size()).isZero();
    RateLimitResult fresh = backend.tryConsume("ip:a", limit);
    assertThat(fresh.isAllowed()).isTrue();
    assertThat(fresh.remaining()).isEqualTo(1);
  }

  @Test
  void aRejectionSaysHowLongUntilTheNextTokenAndUntilTheBucketIsFull() {
    LocalBackend backend = new LocalBackend(10, now::get);
    RateLimit greedy = RateLimit.capacity(4).refillGreedy(2, Duration.ofSeconds(1)).build();
    for (int i = 0; i < 4; i++) {
      assertThat(backend.tryConsume("k", greedy).isAllowed()).isTrue();
    }
    RateLimitResult rejected = backend.tryConsume("k", greedy);
    assertThat(rejected.isAllowed()).isFalse();
    assertThat(rejected.remaining()).isZero();
    assertThat(rejected.nanosToRetry()).isEqualTo(Duration.ofMillis(500).toNanos());
    assertThat(rejected.nanosToReset()).isEqualTo(Duration.ofSeconds(2).toNanos());
  }

  @Test
  void aKeyMovedToAnotherLimitStartsOnThatLimit() {
    LocalBackend backend = new LocalBackend(10, now::get);
    backend.tryConsume("k", RateLimit.of(1, Duration.ofMinutes(1)));
    RateLimitResult underNewLimit = backend.tryConsume("k", RateLimit.of(5, Duration.ofMinutes(1)));
    assertThat(underNewLimit.isAllowed()).isTrue();
    assertThat(underNewLimit.remaining()).isEqualTo(4);
  }
}
