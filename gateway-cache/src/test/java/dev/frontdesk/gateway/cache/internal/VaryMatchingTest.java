package dev.frontdesk.gateway.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A hit compares the request's varied fields with the stored ones in place; it must decide exactly
 * as comparing the normalised value ({@code StoredResponse.fieldValue}) would.
 */
class VaryMatchingTest {

  @ParameterizedTest(name = "[{0}] against stored [{1}]: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      gzip, br          | gzip,br   | true
      gzip ,  br        | gzip,br   | true
      gzip              | gzip,br   | false
      gzip,br,          | gzip,br   | true
      ',gzip'           | gzip      | true
      'gzip,,br'        | gzip,,br  | true
      'gzip, ,br'       | gzip,,br  | true
      'gzip,'           | gzip      | true
      ','               | ''        | true
      ''                | ''        | true
      br, gzip          | gzip,br   | false
      gzip              | gzip,br   | false
      gzip, br, zstd    | gzip,br   | false
      """)
  void oneFieldLineIsComparedAsItsCommaSeparatedList(String sent, String stored, boolean matches) {
    Headers request = Headers.of("Accept-Encoding", sent);

    assertThat(StoredResponse.fieldValueEquals(request, "accept-encoding", stored))
        .isEqualTo(matches);
    assertThat(StoredResponse.fieldValue(request, "accept-encoding").equals(stored))
        .isEqualTo(matches);
  }

  @Test
  void severalLinesAreOneListAndAnAbsentFieldMatchesOnlyAnAbsentOne() {
    Headers twoLines =
        Headers.of("Accept-Language", "en", "Other", "x", "accept-language", "fr, de");
    String absent = StoredResponse.fieldValue(Headers.empty(), "accept-language");

    assertThat(StoredResponse.fieldValueEquals(twoLines, "accept-language", "en,fr,de")).isTrue();
    assertThat(StoredResponse.fieldValueEquals(twoLines, "accept-language", absent)).isFalse();
    assertThat(StoredResponse.fieldValueEquals(Headers.empty(), "accept-language", absent))
        .isTrue();
    assertThat(StoredResponse.fieldValueEquals(Headers.empty(), "accept-language", "")).isFalse();
  }

  @Test
  void anyFieldLinesDecideAsTheirNormalisedValueWould() {
    Random random = new Random(20261130);
    for (int i = 0; i < 20_000; i++) {
      Headers request = randomLines(random);
      Headers other = randomLines(random);
      String own = StoredResponse.fieldValue(request, "vary-me");
      String another = StoredResponse.fieldValue(other, "vary-me");

      assertThat(StoredResponse.fieldValueEquals(request, "vary-me", own))
          .as("%s against itself", request)
          .isTrue();
      assertThat(StoredResponse.fieldValueEquals(request, "vary-me", another))
          .as("%s against %s", request, another)
          .isEqualTo(own.equals(another));
    }
  }

  private static Headers randomLines(Random random) {
    String[] pieces = {"a", "b", "ab", ",", ", ", " ,", " ", "\t", ""};
    Headers.Builder b = Headers.builder();
    int lines = random.nextInt(4);
    for (int l = 0; l < lines; l++) {
      StringBuilder value = new StringBuilder();
      List<String> chosen = new ArrayList<>();
      for (int p = random.nextInt(5); p > 0; p--) {
        chosen.add(pieces[random.nextInt(pieces.length)]);
      }
      chosen.forEach(value::append);
      b.add(random.nextBoolean() ? "Vary-Me" : "vary-me", value.toString());
      if (random.nextInt(3) == 0) {
        b.add("Unrelated", "a, b");
      }
    }
    return b.build();
  }
}
