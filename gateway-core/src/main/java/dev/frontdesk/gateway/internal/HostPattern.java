package dev.frontdesk.gateway.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A route's host condition: any host, one exact host, or {@code *.suffix} for its subdomains. */
public record HostPattern(Kind kind, String value) {
  /** In order of specificity. */
  public enum Kind {
    EXACT,
    WILDCARD,
    ANY
  }

  public static final HostPattern ANY_HOST = new HostPattern(Kind.ANY, "");

  /** Parses {@code api.example.com} or {@code *.example.com}; null means any host. */
  public static HostPattern parse(@Nullable String pattern) {
    if (pattern == null) {
      return ANY_HOST;
    }
    String p = pattern.toLowerCase(Locale.ROOT);
    if (p.startsWith("*.")) {
      checkLabels(p.substring(2), pattern);
      return new HostPattern(Kind.WILDCARD, p.substring(1)); // ".example.com"
    }
    checkLabels(p, pattern);
    return new HostPattern(Kind.EXACT, p);
  }

  private static void checkLabels(String host, String pattern) {
    if (host.isEmpty() || host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
      throw new IllegalArgumentException(
          "host must be a name like api.example.com or *.example.com: '" + pattern + "'");
    }
    for (char c : host.toCharArray()) {
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '.') {
        throw new IllegalArgumentException(
            "host '"
                + pattern
                + "' has '"
                + c
                + "'; only letters, digits, '-' and '.' are allowed (with an optional leading '*.')");
      }
    }
  }

  static int compareSpecificity(HostPattern a, HostPattern b) {
    if (a.kind != b.kind) {
      return a.kind.compareTo(b.kind);
    }
    // *.a.example.com before *.example.com
    return Integer.compare(b.value.length(), a.value.length());
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ANY -> "*";
      case EXACT -> value;
      case WILDCARD -> "*" + value;
    };
  }
}
