package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a raw request path into its one canonical form, or rejects it as ambiguous.
 *
 * <p>The canonical form decodes percent-encoded unreserved characters (RFC 3986 §2.3, §6.2.2.2) and
 * upper-cases the remaining escapes (§6.2.2.1), so {@code /%61pi} and {@code /api} are the same
 * path to the router <em>and</em> to the upstream. What could make the router and an upstream
 * disagree about which resource is meant is rejected with 400 rather than guessed at: dot segments
 * (raw or encoded: well-behaved clients remove them, §5.2.4), empty segments ({@code //}), encoded
 * slashes and backslashes, raw backslashes, path parameters ({@code ;}), NUL and control
 * characters, and double encoding ({@code %25} followed by two hex digits).
 */
public final class PathNormalizer {
  /** Longer paths are answered 414. */
  public static final int MAX_LENGTH = 8192;

  private PathNormalizer() {}

  /** The canonical form of {@code raw}; throws a 400 (or 414) {@link GatewayException}. */
  public static String canonical(String raw) {
    if (raw.length() > MAX_LENGTH) {
      throw GatewayException.uriTooLong("the path is longer than " + MAX_LENGTH);
    }
    if (raw.isEmpty() || raw.charAt(0) != '/') {
      throw reject("the path must start with '/'");
    }
    String canonical = raw.indexOf('%') < 0 ? checkCharacters(raw) : decodeUnreserved(raw);
    checkSegments(canonical);
    return canonical;
  }

  private static String checkCharacters(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '/' && !isPchar(c)) {
        throw reject(describe(c));
      }
    }
    return raw;
  }

  private static String decodeUnreserved(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        appendEscape(out, raw, i);
        i += 2;
      } else if (c == '/' || isPchar(c)) {
        out.append(c);
      } else {
        throw reject(describe(c));
      }
    }
    return out.toString();
  }

  private static void appendEscape(StringBuilder out, String raw, int i) {
    if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
      throw reject("a '%' in the path is not followed by two hex digits");
    }
    int decoded = Integer.parseInt(raw, i + 1, i + 3, 16);
    if (decoded == '/' || decoded == '\\') {
      throw reject("an encoded '" + (char) decoded + "' in the path is ambiguous");
    }
    if (decoded < 0x20 || decoded == 0x7f) {
      throw reject("an encoded control character in the path");
    }
    if (decoded == '%'
        && i + 4 < raw.length()
        && isHex(raw.charAt(i + 3))
        && isHex(raw.charAt(i + 4))) {
      throw reject("a double-encoded character in the path");
    }
    if (isUnreserved(decoded)) {
      out.append((char) decoded);
    } else {
      out.append('%')
          .append(Character.toUpperCase(raw.charAt(i + 1)))
          .append(Character.toUpperCase(raw.charAt(i + 2)));
    }
  }

  /** Rejects empty segments (a trailing slash excepted) and dot segments. */
  private static void checkSegments(String path) {
    int start = 1;
    for (int i = 1; i <= path.length(); i++) {
      if (i < path.length() && path.charAt(i) != '/') {
        continue;
      }
      int length = i - start;
      if (length == 0 && i < path.length()) {
        throw reject("an empty path segment ('//')");
      }
      if ((length == 1 && path.charAt(start) == '.')
          || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        throw reject("a dot segment ('.' or '..') in the path");
      }
      start = i + 1;
    }
  }

  /** Splits a canonical path into decoded segments; a trailing slash adds no segment. */
  public static String[] segments(String canonical) {
    int end = canonical.length();
    if (end > 1 && canonical.charAt(end - 1) == '/') {
      end--;
    }
    if (end <= 1) {
      return new String[0];
    }
    int count = 1;
    for (int i = 1; i < end; i++) {
      if (canonical.charAt(i) == '/') {
        count++;
      }
    }
    String[] result = new String[count];
    int start = 1;
    int index = 0;
    for (int i = 1; i <= end; i++) {
      if (i == end || canonical.charAt(i) == '/') {
        result[index++] = decode(canonical.substring(start, i));
        start = i + 1;
      }
    }
    return result;
  }

  /** Percent-decodes a segment as UTF-8 ('+' stays '+': this is a path, not a form). */
  public static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    StringBuilder out = new StringBuilder(segment.length());
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%'
          && i + 2 < segment.length()
          && isHex(segment.charAt(i + 1))
          && isHex(segment.charAt(i + 2))) {
        run.write(Integer.parseInt(segment, i + 1, i + 3, 16));
        i += 2;
        continue;
      }
      flush(run, out);
      out.append(c);
    }
    flush(run, out);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream run, StringBuilder out) {
    if (run.size() > 0) {
      out.append(run.toString(StandardCharsets.UTF_8));
      run.reset();
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** RFC 3986 pchar without ';' (path parameters) and '%' (handled as escapes). */
  private static boolean isPchar(char c) {
    return isUnreserved(c) || "!$&'()*+,=:@".indexOf(c) >= 0;
  }

  private static String describe(char c) {
    if (c == ';') {
      return "path parameters (';') are not accepted";
    }
    if (c == '\\') {
      return "a backslash in the path is ambiguous";
    }
    if (c < 0x20 || c == 0x7f) {
      return "a control character in the path";
    }
    if (c > 0x7f) {
      return String.format("the character U+%04X must be percent-encoded in a path", (int) c);
    }
    return "the character '" + c + "' must be percent-encoded in a path";
  }

  private static GatewayException reject(String why) {
    return GatewayException.badRequest("rejected an ambiguous request path: " + why);
  }
}
