package dev.frontdesk.gateway.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lettuce and Bucket4j stay behind the Redis module's API; its builder validates on set. */
class RedisApiSurfaceTest {
  @Test
  void publicSignaturesUseNoLettuceBucket4jOrInternalTypes() {
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : List.of(RedisBackend.class, RedisBackend.Builder.class, SyncMode.class)) {
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers())) {
          continue;
        }
        List<String> names = new ArrayList<>();
        names.add(m.getGenericReturnType().getTypeName());
        for (var p : m.getGenericParameterTypes()) {
          names.add(p.getTypeName());
        }
        names.stream()
            .filter(n -> n.contains("lettuce") || n.contains("bucket4j") || n.contains(".internal."))
            .forEach(n -> offenders.add(type.getSimpleName() + "." + m.getName() + ": " + n));
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void builderOptionsAreValidatedWhenSet() {
    assertThatThrownBy(() -> RedisBackend.builder("http://x"))
        .hasMessage("uri must start with redis:// or rediss://: 'http://x'");
    assertThatThrownBy(() -> RedisBackend.builder("redis://x").commandTimeout(Duration.ZERO))
        .hasMessage("commandTimeout must be positive: PT0S");
    assertThatThrownBy(() -> RedisBackend.builder("redis://x").syncMode(SyncMode.DELAYED))
        .hasMessage("syncMode DELAYED needs its bounds: call delayedSync(tokens, time)");
    assertThatThrownBy(() -> RedisBackend.builder("redis://x").delayedSync(0, Duration.ofSeconds(1)))
        .hasMessage("maxUnsyncedTokens must be at least 1: 0");
  }
}
