package dev.frontdesk.gateway.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Redis backend's builder validates each option when it is set. */
class RedisBackendBuilderTest {
  @Test
  void builderOptionsAreValidatedWhenSet() {
    assertThatThrownBy(() -> RedisBackend.builder("http://x"))
        .hasMessage("uri must start with redis:// or rediss://: 'http://x'");
    assertThatThrownBy(() -> RedisBackend.builder("redis://x").commandTimeout(Duration.ZERO))
        .hasMessage("commandTimeout must be positive: PT0S");
    assertThatThrownBy(() -> RedisBackend.builder("redis://x").syncMode(SyncMode.DELAYED))
        .hasMessage("syncMode DELAYED needs its bounds: call delayedSync(tokens, time)");
    assertThatThrownBy(
            () -> RedisBackend.builder("redis://x").delayedSync(0, Duration.ofSeconds(1)))
        .hasMessage("maxUnsyncedTokens must be at least 1: 0");
  }
}
