package dev.frontdesk.gateway.ratelimit.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A backend's description may reach a log: it never carries the Redis password. */
class LettuceBackendDescriptionTest {
  @ParameterizedTest
  @CsvSource({
    "redis://localhost:6379, redis://localhost:6379",
    "redis://:s3cret@redis.internal:6379/0, redis://:***@redis.internal:6379/0",
    "redis://app:s3cret@redis.internal, redis://app:***@redis.internal",
    "rediss://s3cret@redis.internal, rediss://***@redis.internal"
  })
  void theDescriptionHidesThePassword(String uri, String shown) {
    assertThat(LettuceBackend.withoutPassword(uri)).isEqualTo(shown).doesNotContain("s3cret");
  }
}
