package dev.frontdesk.gateway.cache;

import static dev.frontdesk.gateway.testing.ConfigProblems.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResponseCacheBuilderTest {
  @Test
  void eachBadOptionIsRecordedWithAMessageNamingIt() {
    assertThat(ResponseCache.builder().maximumBytes(0).problems())
        .containsExactly("ResponseCache: maximumBytes must be at least 1: 0");
    assertThat(ResponseCache.builder().maximumEntries(-1).problems())
        .containsExactly("ResponseCache: maximumEntries must be at least 1: -1");
    assertThat(ResponseCache.builder().maxBodySize(-1).problems())
        .containsExactly("ResponseCache: maxBodySize must be at least 0: -1");
    assertThat(ResponseCache.builder().defaultTtl(Duration.ofSeconds(-1)).problems())
        .containsExactly("ResponseCache: defaultTtl must not be negative: PT-1S");
    assertThat(ResponseCache.builder().name("my cache").problems())
        .containsExactly("ResponseCache: name must be a token: 'my cache'");
    assertThatThrownBy(() -> ResponseCache.builder().key(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
  }

  @Test
  void buildListsEveryMistakeAtOnce() {
    ResponseCache.Builder builder =
        ResponseCache.builder()
            .name("my cache")
            .maximumBytes(1L << 20)
            .maximumBytes(0)
            .maximumEntries(0)
            .maxBodySize(2L << 20)
            .staleRetention(Duration.ofSeconds(-1))
            .coalescingWait(Duration.ofMillis(-1));

    assertThat(thrownBy(builder::build))
        .containsExactly(
            "ResponseCache: name must be a token: 'my cache'",
            "ResponseCache: maximumBytes must be at least 1: 0",
            "ResponseCache: maximumEntries must be at least 1: 0",
            "ResponseCache: staleRetention must not be negative: PT-1S",
            "ResponseCache: coalescingWait must not be negative: PT-0.001S",
            // the refused maximumBytes left the 1 MiB before it in place
            "ResponseCache: maxBodySize (2097152) must not be over maximumBytes" + " (1048576)");
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
        .hasMessageContaining(
            "ResponseCache: maxBodySize (2000) must not be over maximumBytes (1000)");
  }

  @Test
  void conflictingOptionsAreNamedAtBuild() {
    assertThat(thrownBy(() -> ResponseCache.builder().maximumBytes(1000).maxBodySize(2000).build()))
        .containsExactly("ResponseCache: maxBodySize (2000) must not be over maximumBytes (1000)");
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
