package dev.frontdesk.gateway.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9110 §5.6.7: a recipient accepts IMF-fixdate and the two obsolete forms, and reads a
 * two-digit year more than 50 years ahead as the past century's.
 */
class HttpDateTest {
  private static final long NOW = Instant.parse("2026-11-30T12:00:00Z").toEpochMilli();

  @ParameterizedTest(name = "[{0}] is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Sun, 06 Nov 1994 08:49:37 GMT     | 1994-11-06T08:49:37Z
      Sunday, 06-Nov-94 08:49:37 GMT    | 1994-11-06T08:49:37Z
      Sun Nov  6 08:49:37 1994          | 1994-11-06T08:49:37Z
      Fri Nov 20 08:49:37 2026          | 2026-11-20T08:49:37Z
      Wednesday, 01-Jan-76 00:00:00 GMT | 2076-01-01T00:00:00Z
      Saturday, 01-Jan-77 00:00:00 GMT  | 1977-01-01T00:00:00Z
      Friday, 20-Nov-26 08:49:37 GMT    | 2026-11-20T08:49:37Z
      """)
  void eachFormIsAccepted(String value, String instant) {
    assertThat(HttpDate.parse(value, NOW)).isEqualTo(Instant.parse(instant).toEpochMilli());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      0
      -1
      Sun, 06 Nov 1994
      Sunday, 06-Nov-94 08:49:37 PST
      Sun Nov  6 08:49:37 94
      Mon Nov  6 08:49:37 1994
      """)
  void anythingElseIsNoDate(String value) {
    assertThat(HttpDate.parse(value, NOW)).isNull();
  }
}
