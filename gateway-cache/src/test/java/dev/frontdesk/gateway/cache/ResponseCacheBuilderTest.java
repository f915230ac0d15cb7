package dev.frontdesk.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResponseCacheBuilderTest {
  @Test
  void eachOptionIsCheckedWhenSetWithAMessageNamingIt() {
    assertThatThrownBy(() -> ResponseCache.builder().maximumBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumBytes must be at least 1: 0");
    assertThatThrownBy(() -> ResponseCache.builder().maximumEntries(-1))
        .hasMessage("maximumEntries must be at least 1: -1");
    assertThatThrownBy(() -> ResponseCache.builder().maxBodySize(-1))
        .hasMessage("maxBodySize must be at least 0: -1");
    assertThatThrownBy(() -> ResponseCache.builder().defaultTtl(Duration.ofSeconds(-1)))
        .hasMessage("defaultTtl must not be negative: PT-1S");
    assertThatThrownBy(() -> ResponseCache.builder().name("my cache"))
        .hasMessage("name must be a token: 'my cache'");
    assertThatThrownBy(() -> ResponseCache.builder().key(null)).hasMessage("key");
  }

  @Test
  void anOptionSetAgainTakesTheLastValue() {
    assertThatCode(
            () ->
                ResponseCache.builder()
                    .maxBodySize(2000)
                    .maxBodySize(10)
                    .maximumBytes(1000)
                    .build()
                    .close())
        .as("the last maxBodySize, under maximumBytes, is the one checked at build")
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ResponseCache.builder()
                    .maxBodySize(10)
                    .maxBodySize(2000)
                    .maximumBytes(1000)
                    .build())
        .hasMessage("maxBodySize (2000) must not be over maximumBytes (1000)");
  }

  @Test
  void conflictingOptionsAreNamedAtBuild() {
    assertThatThrownBy(() -> ResponseCache.builder().maximumBytes(1000).maxBodySize(2000).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxBodySize (2000) must not be over maximumBytes (1000)");
  }

  @Test
  void toStringShowsTheBounds() {
    try (ResponseCache cache =
        ResponseCache.builder().maximumBytes(4096).maxBodySize(1024).build()) {
      assertThat(cache)
          .hasToString(
              "ResponseCache{frontdesk, 4096 bytes, 10000 entries, bodies up to 1024, default ttl 0 ms}");
    }
  }
}
