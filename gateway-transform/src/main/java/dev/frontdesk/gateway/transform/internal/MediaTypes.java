package dev.frontdesk.gateway.transform.internal;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Media type tests on a {@code Content-Type} value's essence (RFC 9110 §8.3.1), parameters ignored.
 */
public final class MediaTypes {
  /** The essence compressed by default: text, JSON, XML and JavaScript. */
  public static final List<String> COMPRESSIBLE =
      List.of(
          "text/*",
          "application/json",
          "application/*+json",
          "application/xml",
          "application/*+xml",
          "application/javascript",
          "application/ecmascript",
          "image/svg+xml");

  private MediaTypes() {}

  /** {@code type/subtype} in lower case, or the empty string when absent. */
  public static String essence(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String e = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return e.toLowerCase(Locale.ROOT);
  }

  /** The {@code charset} parameter's value, unquoted, or null when there is none. */
  public static @Nullable String charset(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String value = p.substring(8).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /**
   * {@code contentType} with a {@code charset} parameter other than UTF-8 made {@code utf-8}, the
   * other parameters kept; null when it has no such parameter (nothing to change).
   */
  public static @Nullable String withUtf8(@Nullable String contentType) {
    String charset = charset(contentType);
    if (contentType == null || charset == null || charset.equalsIgnoreCase("utf-8")) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String part : contentType.split(";")) {
      boolean isCharset = part.strip().regionMatches(true, 0, "charset=", 0, 8);
      sb.append(sb.length() == 0 ? "" : ";").append(isCharset ? " charset=utf-8" : part);
    }
    return sb.toString();
  }

  /** {@code application/json} or any {@code +json} type (RFC 6839 §3.1). */
  public static boolean isJson(String essence) {
    return essence.equals("application/json")
        || (essence.indexOf('/') > 0 && essence.endsWith("+json"));
  }

  /** {@code application/xml}, {@code text/xml} or any {@code +xml} type (RFC 7303). */
  public static boolean isXml(String essence) {
    return essence.equals("application/xml")
        || essence.equals("text/xml")
        || (essence.indexOf('/') > 0 && essence.endsWith("+xml"));
  }

  /** Server-sent events: never buffered, never compressed, whatever the settings. */
  public static boolean isEventStream(String essence) {
    return essence.equals("text/event-stream");
  }

  /**
   * Whether {@code essence} matches {@code pattern}: an exact essence, {@code type/*}, or {@code
   * type/*+suffix}.
   */
  public static boolean matches(String pattern, String essence) {
    int star = pattern.indexOf("/*");
    if (star < 0) {
      return pattern.equals(essence);
    }
    String type = pattern.substring(0, star + 1);
    String suffix = pattern.substring(star + 2);
    return essence.startsWith(type) && essence.length() > type.length() && essence.endsWith(suffix);
  }

  /** Checks a pattern for {@link #matches}; throws IllegalArgumentException naming it. */
  public static String checkPattern(String pattern) {
    String p = pattern.strip().toLowerCase(Locale.ROOT);
    int slash = p.indexOf('/');
    boolean ok =
        slash > 0
            && slash < p.length() - 1
            && p.indexOf(';') < 0
            && p.indexOf(' ') < 0
            && (p.indexOf('*') < 0 || p.indexOf("/*") == slash && p.indexOf('*', slash + 2) < 0);
    if (!ok) {
      throw new IllegalArgumentException(
          "media type must be type/subtype, type/* or type/*+suffix: '" + pattern + "'");
    }
    return p;
  }
}
