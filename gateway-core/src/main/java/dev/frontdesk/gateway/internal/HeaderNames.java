package dev.frontdesk.gateway.internal;

import java.util.Arrays;

/**
 * A fixed set of header field names, matched case-insensitively (RFC 9110 §5.1) without allocating:
 * names are grouped by length, so a lookup compares a header only with the few names of its own
 * length. The proxy checks every header of every message against such sets.
 */
final class HeaderNames {
  private final String[][] byLength;

  private HeaderNames(String... names) {
    int longest = Arrays.stream(names).mapToInt(String::length).max().orElse(0);
    byLength = new String[longest + 1][];
    for (int length = 0; length <= longest; length++) {
      final int l = length;
      byLength[length] = Arrays.stream(names).filter(n -> n.length() == l).toArray(String[]::new);
    }
  }

  static HeaderNames of(String... names) {
    return new HeaderNames(names);
  }

  boolean contains(String name) {
    if (name.length() >= byLength.length) {
      return false;
    }
    for (String candidate : byLength[name.length()]) {
      if (candidate.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
