package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeadersTest {
  @Test
  void namesAreComparedCaseInsensitivelyAndKeepEveryValueInOrder() {
    Headers headers =
        Headers.builder()
            .add("Accept", "text/html")
            .add("X-Other", "1")
            .add("accept", "*/*")
            .build();

    assertThat(headers.get("ACCEPT")).isEqualTo("text/html");
    assertThat(headers.values("accept")).containsExactly("text/html", "*/*");
    assertThat(headers.contains("x-other")).isTrue();
    assertThat(headers.names()).containsExactly("Accept", "X-Other");
    assertThat(headers.size()).isEqualTo(3);
  }

  @Test
  void setReplacesEveryValueOfANameWhateverItsSpelling() {
    Headers headers =
        Headers.of("Accept", "a", "ACCEPT", "b", "Host", "h")
            .newBuilder()
            .set("accept", "c")
            .build();

    assertThat(headers.values("Accept")).containsExactly("c");
    assertThat(headers.get("host")).isEqualTo("h");
  }

  @Test
  void removeDropsEveryValueAndLeavesTheOriginalUntouched() {
    Headers original = Headers.of("Cookie", "a=1", "cookie", "b=2", "X", "y");
    Headers changed = original.newBuilder().remove("COOKIE").build();

    assertThat(changed.contains("Cookie")).isFalse();
    assertThat(changed.get("X")).isEqualTo("y");
    assertThat(original.values("cookie")).containsExactly("a=1", "b=2");
  }

  @Test
  void absentNamesGiveNullAndAnEmptyList() {
    assertThat(Headers.empty().get("X")).isNull();
    assertThat(Headers.empty().values("X")).isEmpty();
  }

  @Test
  void namesThatAreNotTokensAreRefusedWithAMessageNamingThem() {
    assertThatThrownBy(() -> Headers.builder().add("Bad Name", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header name 'Bad Name' has a character not allowed in a token at 3");
    assertThatThrownBy(() -> Headers.builder().add("", "v")).hasMessage("header name is empty");
  }

  @Test
  void valuesWithControlCharactersAreRefusedSoNoHeaderCanBeInjected() {
    assertThatThrownBy(() -> Headers.builder().add("X", "a\r\nInjected: yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header 'X' has a control character in its value at 1");
  }

  @Test
  void ofRefusesAnOddNumberOfArguments() {
    assertThatThrownBy(() -> Headers.of("A", "1", "B"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namesAndValues must hold name/value pairs");
  }
}
