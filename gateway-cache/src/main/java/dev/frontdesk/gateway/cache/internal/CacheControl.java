package dev.frontdesk.gateway.cache.internal;

import dev.frontdesk.gateway.Headers;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The directives of a message's {@code Cache-Control} fields (RFC 9111 §5.2), names lower-cased.
 * Unknown directives are kept and ignored, as §5.2.3 asks.
 */
final class CacheControl {
  static final CacheControl NONE = new CacheControl(Map.of());

  /**
   * {@code Cache-Control: no-cache}, what HTTP/1.0's {@code Pragma: no-cache} means (RFC 9111
   * §5.4).
   */
  static final CacheControl NO_CACHE = new CacheControl(Map.of("no-cache", ""));

  private final Map<String, String> directives;

  private CacheControl(Map<String, String> directives) {
    this.directives = directives;
  }

  /** The directives of every {@code Cache-Control} field of {@code headers}. */
  static CacheControl of(Headers headers) {
    return of(headers.values("Cache-Control"));
  }

  /** The directives of these {@code Cache-Control} field values. */
  static CacheControl of(List<String> values) {
    if (values.isEmpty()) {
      return NONE;
    }
    Map<String, String> directives = new HashMap<>();
    for (String value : values) {
      parse(value, directives);
    }
    return new CacheControl(directives);
  }

  private static void parse(String value, Map<String, String> into) {
    int i = 0;
    int n = value.length();
    while (i < n) {
      int end = i;
      boolean quoted = false;
      while (end < n && (quoted || value.charAt(end) != ',')) {
        if (value.charAt(end) == '"') {
          quoted = !quoted;
        }
        end++;
      }
      String directive = value.substring(i, end).strip();
      if (!directive.isEmpty()) {
        int eq = directive.indexOf('=');
        String name =
            (eq < 0 ? directive : directive.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
        String arg = eq < 0 ? "" : unquote(directive.substring(eq + 1).strip());
        into.putIfAbsent(name, arg); // the first occurrence wins when a directive repeats
      }
      i = end + 1;
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  boolean has(String directive) {
    return directives.containsKey(directive);
  }

  /**
   * A delta-seconds argument in milliseconds, or null when absent. An argument that is not a
   * non-negative integer counts as 0, the safe reading (§1.2.2 and §4.2.1: treat it as stale); a
   * very large one is capped at 2^31 seconds (§1.2.2).
   */
  @Nullable Long seconds(String directive) {
    String arg = directives.get(directive);
    if (arg == null) {
      return null;
    }
    if (arg.isEmpty() || !arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0L;
    }
    long seconds =
        arg.length() > 10 ? 2_147_483_648L : Math.min(Long.parseLong(arg), 2_147_483_648L);
    return seconds * 1000;
  }

  @Override
  public String toString() {
    return directives.toString();
  }
}
