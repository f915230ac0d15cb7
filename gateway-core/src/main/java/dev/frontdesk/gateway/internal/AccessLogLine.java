package dev.frontdesk.gateway.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes one access-log line, JSON or key=value, escaping every value; null values are left out.
 * Written once per request, so it writes straight into one builder sized by the caller: values that
 * need no escaping (nearly all) are copied whole, numbers are written without a detour through
 * {@code double} or a string, and the time reuses the text of its second.
 */
public final class AccessLogLine {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The last second a line was written in, as ISO-8601 text: most lines share it with another. */
  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  private final boolean json;
  private final StringBuilder out;

  /**
   * @param capacity about the line's length, so that the builder need not grow
   */
  public AccessLogLine(boolean json, int capacity) {
    this.json = json;
    this.out = new StringBuilder(capacity);
    if (json) {
      out.append('{');
    }
  }

  /** {@code time}: ISO-8601 in UTC with milliseconds, such as {@code 2026-11-30T10:15:30.120Z}. */
  public AccessLogLine time(String key, long epochMillis) {
    key(key);
    if (json) {
      out.append('"');
    }
    long second = Math.floorDiv(epochMillis, 1000);
    int millis = Math.floorMod(epochMillis, 1000);
    out.append(second(second))
        .append('.')
        .append((char) ('0' + millis / 100))
        .append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10))
        .append('Z');
    if (json) {
      out.append('"');
    }
    return this;
  }

  public AccessLogLine text(String key, @Nullable String value) {
    if (value == null) {
      return this;
    }
    key(key);
    if (json) {
      out.append('"');
      escapeJson(value);
      out.append('"');
    } else if (needsQuotes(value)) {
      out.append('"');
      escapeJson(value); // the same escapes keep a key=value line on one line and parseable
      out.append('"');
    } else {
      out.append(value);
    }
    return this;
  }

  public AccessLogLine number(String key, long value) {
    key(key);
    if (Math.abs(value) < 1e15) {
      out.append(value);
    } else {
      out.append((double) value); // as a double always was, beyond its exact integers
    }
    return this;
  }

  /**
   * A duration in milliseconds rounded to hundredths, the fewest digits that say it: {@code 12},
   * {@code 0.5}, {@code 3.25}; written as {@link Double#toString} would (no exponent below
   * 10,000,000 ms), without making the double.
   */
  public AccessLogLine millis(String key, long nanos) {
    long hundredths = Math.round(nanos / 10_000.0);
    if (hundredths < 0 || hundredths >= 1_000_000_000L) {
      double value = hundredths / 100.0;
      key(key);
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        out.append((long) value);
      } else {
        out.append(value);
      }
      return this;
    }
    key(key);
    out.append(hundredths / 100);
    int fraction = (int) (hundredths % 100);
    if (fraction != 0) {
      out.append('.').append((char) ('0' + fraction / 10));
      if (fraction % 10 != 0) {
        out.append((char) ('0' + fraction % 10));
      }
    }
    return this;
  }

  public String end() {
    if (json) {
      out.append('}');
    }
    return out.toString();
  }

  private void key(String key) {
    boolean first = out.length() == (json ? 1 : 0);
    if (!first) {
      out.append(json ? ',' : ' ');
    }
    if (json) {
      out.append('"').append(key).append("\":");
    } else {
      out.append(key).append('=');
    }
  }

  private static boolean needsQuotes(String value) {
    if (value.isEmpty()) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c >= 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** Copies the value whole up to its first character that needs an escape, if any. */
  private void escapeJson(String value) {
    int first = 0;
    int n = value.length();
    while (first < n && !needsEscape(value.charAt(first))) {
      first++;
    }
    if (first == n) {
      out.append(value);
      return;
    }
    out.append(value, 0, first);
    for (int i = first; i < n; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (needsEscape(c)) {
            out.append("\\u")
                .append(HEX[c >> 12])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7f || c == '\u2028' || c == '\u2029';
  }

  /** {@code 2026-11-30T10:15:30}: made once a second, shared by every line written in it. */
  private static String second(long epochSecond) {
    Second last = lastSecond;
    if (last.epochSecond == epochSecond) {
      return last.text;
    }
    String instant = Instant.ofEpochSecond(epochSecond).toString(); // "...T10:15:30Z": no fraction
    Second now = new Second(epochSecond, instant.substring(0, instant.length() - 1));
    lastSecond = now;
    return now.text;
  }

  private record Second(long epochSecond, String text) {}

  /**
   * The query with the values of {@code secrets} (lower case names) replaced by {@code REDACTED}.
   */
  public static @Nullable String redactedQuery(@Nullable String query, Set<String> secrets) {
    if (query == null || query.isEmpty()) {
      return query;
    }
    StringBuilder b = new StringBuilder(query.length());
    for (String pair : query.split("&", -1)) {
      if (b.length() > 0) {
        b.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && secrets.contains(QueryParameters.decode(name).toLowerCase(Locale.ROOT))) {
        b.append(name).append("=REDACTED");
      } else {
        b.append(pair);
      }
    }
    return b.toString();
  }
}
