package dev.frontdesk.gateway.ratelimit.redis;

import static dev.frontdesk.gateway.testing.ConfigProblems.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Redis backend's builder records each bad option and lists them all at build(), before it
 * tries any connection.
 */
class RedisBackendBuilderTest {
  @Test
  void eachBadOptionIsRecordedNamingTheBackend() {
    assertThat(RedisBackend.builder("http://x").problems())
        .containsExactly("RedisBackend: uri must start with redis:// or rediss://: 'http://x'");
    assertThat(RedisBackend.builder("redis://x").commandTimeout(Duration.ZERO).problems())
        .containsExactly("RedisBackend: commandTimeout must be positive: PT0S");
    assertThat(RedisBackend.builder("redis://x").syncMode(SyncMode.DELAYED).problems())
        .containsExactly(
            "RedisBackend: syncMode DELAYED needs its bounds: call delayedSync(tokens, time)");
    assertThat(RedisBackend.builder("redis://x").delayedSync(0, Duration.ofSeconds(1)).problems())
        .containsExactly("RedisBackend: maxUnsyncedTokens must be at least 1: 0");
    assertThatThrownBy(() -> RedisBackend.builder("redis://x").connectTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("connectTimeout");
  }

  @Test
  void buildListsEveryMistakeAtOnceAndConnectsToNothing() {
    RedisBackend.Builder builder =
        RedisBackend.builder("http://cache:6379")
            .commandTimeout(Duration.ofMillis(-5))
            .connectTimeout(Duration.ZERO)
            .delayedSync(10, Duration.ZERO)
            .maxReconnectDelay(Duration.ZERO)
            .maximumKeys(0);

    assertThat(thrownBy(builder::build))
        .containsExactly(
            "RedisBackend: uri must start with redis:// or rediss://:" + " 'http://cache:6379'",
            "RedisBackend: commandTimeout must be positive: PT-0.005S",
            "RedisBackend: connectTimeout must be positive: PT0S",
            "RedisBackend: maxUnsyncedTime must be positive: PT0S",
            "RedisBackend: maxReconnectDelay must be positive: PT0S",
            "RedisBackend: maximumKeys must be at least 1: 0");
  }
}
