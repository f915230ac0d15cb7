package dev.frontdesk.gateway.cache.internal;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** IMF-fixdate values ({@code Sun, 06 Nov 1994 08:49:37 GMT}, RFC 9110 §5.6.7). */
final class HttpDate {
  private HttpDate() {}

  /** Epoch milliseconds, or null when absent or not a date a sender may generate. */
  static @Nullable Long parse(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
