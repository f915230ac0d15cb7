package dev.frontdesk.gateway.aggregation.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value for a path segment or a query component, or for a header field. In a URL
 * only the unreserved characters of RFC 3986 §2.3 stay as they are, so a value can never add a path
 * segment ({@code /}), end a query parameter ({@code &}, {@code =}), start a fragment or be read as
 * a space ({@code +}).
 */
public final class UriEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {}

  public static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /**
   * A value for a header field, which must be visible ASCII: anything else, '%', and a space at
   * either end (not part of a field value, RFC 9110 §5.5) are percent-encoded as UTF-8, as
   * gateway-auth's IdentityForwarding does, so a backend decodes gateway-set identity headers one
   * way whichever route sent them.
   */
  public static String headerValue(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      boolean outerSpace = c == ' ' && (i == 0 || i == bytes.length - 1);
      if (c < 0x20 || c > 0x7e || c == '%' || outerSpace) {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
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
}
