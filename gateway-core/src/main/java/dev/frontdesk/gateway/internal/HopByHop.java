package dev.frontdesk.gateway.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hop-by-hop header fields, which describe one connection and must not be forwarded by a proxy
 * (RFC 9110 §7.6.1): the fixed set, plus any field the message's {@code Connection} header names.
 */
final class HopByHop {
  private static final Set<String> FIXED = caseInsensitive(
      "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
      "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade");

  private HopByHop() {}

  /** The fields that must not cross this proxy, given the message's Connection values. */
  static Set<String> of(List<String> connectionValues) {
    if (connectionValues.isEmpty()) {
      return FIXED;
    }
    Set<String> result = caseInsensitive();
    result.addAll(FIXED);
    for (String value : connectionValues) {
      for (String token : value.split(",")) {
        String name = token.strip();
        if (!name.isEmpty()) {
          result.add(name);
        }
      }
    }
    return result;
  }

  static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(Set.of(names));
    return set;
  }
}
