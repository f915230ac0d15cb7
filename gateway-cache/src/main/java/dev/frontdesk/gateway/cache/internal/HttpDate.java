package dev.frontdesk.gateway.cache.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * HTTP-date values (RFC 9110 §5.6.7): the IMF-fixdate senders generate ({@code Sun, 06 Nov 1994
 * 08:49:37 GMT}) and the two obsolete forms a recipient must still accept, rfc850-date ({@code
 * Sunday, 06-Nov-94 08:49:37 GMT}) and asctime-date ({@code Sun Nov 6 08:49:37 1994}).
 */
final class HttpDate {
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

  private HttpDate() {}

  /**
   * Epoch milliseconds, or null when absent or in none of the three forms; {@code now} (epoch
   * milliseconds) places an rfc850-date's two-digit year.
   */
  static @Nullable Long parse(@Nullable String value, long now) {
    if (value == null) {
      return null;
    }
    String date = value.strip();
    int comma = date.indexOf(',');
    try {
      if (comma > 3) { // only rfc850-date spells the day of the week out
        return utc(LocalDateTime.parse(date, rfc850(now)));
      }
      if (comma < 0 && !date.isEmpty() && Character.isLetter(date.charAt(0))) {
        return utc(LocalDateTime.parse(date, ASCTIME)); // a day name and no comma
      }
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The obsolete forms are in GMT without saying so (asctime-date) or in words (rfc850-date). */
  private static long utc(LocalDateTime dateTime) {
    return dateTime.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /**
   * rfc850-date with its two-digit year in the century that ends 50 years from {@code now}: a year
   * that would be more than 50 years in the future is the past century's.
   */
  private static DateTimeFormatter rfc850(long now) {
    int year = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).getYear();
    return new DateTimeFormatterBuilder()
        .appendPattern("EEEE, dd-MMM-")
        .appendValueReduced(ChronoField.YEAR, 2, 2, year - 49)
        .appendPattern(" HH:mm:ss 'GMT'")
        .toFormatter(Locale.US);
  }
}
