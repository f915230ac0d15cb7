package dev.frontdesk.gateway.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A request's query parameters, parsed on first use (most routes never look at them). */
final class QueryParameters {
  private final @Nullable String raw;
  private @Nullable List<String[]> pairs;

  QueryParameters(@Nullable String raw) {
    this.raw = raw;
  }

  List<String> values(String name) {
    List<String> result = new ArrayList<>(1);
    for (String[] pair : pairs()) {
      if (pair[0].equals(name)) {
        result.add(pair[1]);
      }
    }
    return result;
  }

  private List<String[]> pairs() {
    if (pairs == null) {
      pairs = new ArrayList<>();
      if (raw != null && !raw.isEmpty()) {
        for (String part : raw.split("&")) {
          int eq = part.indexOf('=');
          String name = eq < 0 ? part : part.substring(0, eq);
          String value = eq < 0 ? "" : part.substring(eq + 1);
          pairs.add(new String[] {decode(name), decode(value)});
        }
      }
    }
    return pairs;
  }

  static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape matches only itself
    }
  }
}
