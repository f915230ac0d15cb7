package dev.frontdesk.gateway.transform.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A query string as a list of parameters, each kept in its raw form so that parameters no operation
 * touches are forwarded byte for byte; names are compared decoded.
 */
public final class Query {
  private final List<String[]> pairs; // {decoded name, raw pair}

  private Query(List<String[]> pairs) {
    this.pairs = pairs;
  }

  public static Query parse(@Nullable String raw) {
    List<String[]> pairs = new ArrayList<>();
    if (raw != null && !raw.isEmpty()) {
      for (String part : raw.split("&")) {
        if (!part.isEmpty()) {
          int eq = part.indexOf('=');
          pairs.add(new String[] {decode(eq < 0 ? part : part.substring(0, eq)), part});
        }
      }
    }
    return new Query(pairs);
  }

  /** The first decoded value of {@code name}, or null. */
  public @Nullable String first(String name) {
    for (String[] pair : pairs) {
      if (pair[0].equals(name)) {
        int eq = pair[1].indexOf('=');
        return eq < 0 ? "" : decode(pair[1].substring(eq + 1));
      }
    }
    return null;
  }

  public void add(String name, String value) {
    pairs.add(new String[] {name, encode(name) + "=" + encode(value)});
  }

  public void remove(String name) {
    pairs.removeIf(pair -> pair[0].equals(name));
  }

  /** Replaces every value of {@code name} with one, at the place of its first occurrence. */
  public void set(String name, String value) {
    String[] replacement = {name, encode(name) + "=" + encode(value)};
    int at = indexOf(name);
    remove(name);
    pairs.add(at < 0 ? pairs.size() : at, replacement);
  }

  /** Renames every occurrence of {@code from}, keeping values and places. */
  public void rename(String from, String to) {
    for (int i = 0; i < pairs.size(); i++) {
      String[] pair = pairs.get(i);
      if (pair[0].equals(from)) {
        int eq = pair[1].indexOf('=');
        pairs.set(i, new String[] {to, encode(to) + (eq < 0 ? "" : pair[1].substring(eq))});
      }
    }
  }

  /** The raw query, or null when no parameter is left. */
  public @Nullable String raw() {
    if (pairs.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String[] pair : pairs) {
      sb.append(sb.length() == 0 ? "" : "&").append(pair[1]);
    }
    return sb.toString();
  }

  private int indexOf(String name) {
    for (int i = 0; i < pairs.size(); i++) {
      if (pairs.get(i)[0].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape matches only itself
    }
  }

  /**
   * Percent-encodes all but RFC 3986's unreserved characters, so a value cannot add a parameter.
   */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }
}
