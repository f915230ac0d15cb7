package dev.frontdesk.gateway.internal;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Writes one access-log line, JSON or key=value, escaping every value; null values are left out. */
public final class AccessLogLine {
  private final boolean json;
  private final StringBuilder out = new StringBuilder(320);

  public AccessLogLine(boolean json) {
    this.json = json;
    if (json) {
      out.append('{');
    }
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

  public AccessLogLine number(String key, double value) {
    key(key);
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
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

  private void escapeJson(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** The query with the values of {@code secrets} (lower case names) replaced by {@code REDACTED}. */
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
