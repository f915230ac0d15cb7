package dev.frontdesk.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The line's formats, written without the JDK's formatters and still saying what they would. */
class AccessLogLineTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "4999, 0",
    "5000, 0.01",
    "250000, 0.25",
    "1500000, 1.5",
    "1050000, 1.05",
    "2000000, 2",
    "123456789, 123.46",
    "9999999000000, 9999999",
    "9999999990000, 9999999.99",
    "10000000100000, 1.00000001E7",
    "-1, 0"
  })
  void durationsAreMillisecondsInTheFewestDigitsADoubleWouldUse(long nanos, String expected) {
    String line = new AccessLogLine(false, 16).millis("ms", nanos).end();

    assertThat(line).isEqualTo("ms=" + expected);
    assertThat(expected).isEqualTo(asDoubleWas(nanos));
  }

  /**
   * How the line wrote a duration before: rounded to hundredths as a double, integral ones as a
   * long.
   */
  private static String asDoubleWas(long nanos) {
    double value = Math.round(nanos / 10_000.0) / 100.0;
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0L,
        1L,
        999L,
        1_000L,
        1_764_497_730_120L,
        1_764_497_730_007L,
        -1L,
        253_402_300_799_999L
      })
  void timeIsIsoUtcWithMilliseconds(long epochMillis) throws Exception {
    String json = new AccessLogLine(true, 64).time("time", epochMillis).end();

    String time = new ObjectMapper().readTree(json).get("time").asText();
    assertThat(time).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(Instant.parse(time)).isEqualTo(Instant.ofEpochMilli(epochMillis));
  }

  @Test
  void linesOfTheSameSecondAndOfTheNextEachSayTheirOwnTime() {
    assertThat(new AccessLogLine(false, 8).time("t", 1_764_497_730_120L).end())
        .isEqualTo("t=2025-11-30T10:15:30.120Z");
    assertThat(new AccessLogLine(false, 8).time("t", 1_764_497_730_999L).end())
        .isEqualTo("t=2025-11-30T10:15:30.999Z");
    assertThat(new AccessLogLine(false, 8).time("t", 1_764_497_731_000L).end())
        .isEqualTo("t=2025-11-30T10:15:31.000Z");
  }

  @Test
  void jsonValuesAreEscapedOnlyWhereTheyMustBe() throws Exception {
    String value = "plain /path?x=1 then \" \\ \n \r \t \u0001 \u007f \u2028 \u2029 é end";
    String json = new AccessLogLine(true, 8).text("v", value).number("n", 200).end();

    assertThat(json)
        .isEqualTo(
            "{\"v\":\"plain /path?x=1 then \\\" \\\\ \\n \\r \\t \\u0001 \\u007f \\u2028 \\u2029 é end\","
                + "\"n\":200}");
    assertThat(new ObjectMapper().readTree(json).get("v").asText()).isEqualTo(value);
  }

  @Test
  void keyValueQuotesOnlyWhatWouldBreakTheLine() {
    String line =
        new AccessLogLine(false, 8)
            .text("a", "/plain")
            .text("b", "two words")
            .text("c", "")
            .text("d", "x=y")
            .text("e", null)
            .number("f", 7)
            .end();

    assertThat(line).isEqualTo("a=/plain b=\"two words\" c=\"\" d=\"x=y\" f=7");
  }
}
