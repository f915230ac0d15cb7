package dev.frontdesk.gateway.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Hop-by-hop header fields, which describe one connection and must not be forwarded by a proxy (RFC
 * 9110 §7.6.1): the fixed set, plus any field the message's {@code Connection} header names.
 */
final class HopByHop {
  private static final String[] NAMES = {
    "Connection",
    "Keep-Alive",
    "Proxy-Connection",
    "Proxy-Authenticate",
    "Proxy-Authorization",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade"
  };
  private static final HeaderNames FIXED = HeaderNames.of(NAMES);
  private static final Predicate<String> IS_FIXED = FIXED::contains;

  private HopByHop() {}

  /** Whether a field must not cross this proxy, given the message's Connection values. */
  static Predicate<String> of(List<String> connectionValues) {
    if (connectionValues.isEmpty() || namesOnlyFixed(connectionValues)) {
      return IS_FIXED; // the common cases (none, "keep-alive"): nothing allocated
    }
    Set<String> result = caseInsensitive(NAMES);
    for (String value : connectionValues) {
      for (String token : value.split(",")) {
        String name = token.strip();
        if (!name.isEmpty()) {
          result.add(name);
        }
      }
    }
    return result::contains;
  }

  private static boolean namesOnlyFixed(List<String> connectionValues) {
    for (String value : connectionValues) {
      for (String token : value.split(",")) {
        if (!FIXED.contains(token.strip())) {
          return false;
        }
      }
    }
    return true;
  }

  static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(Set.of(names));
    return set;
  }
}
