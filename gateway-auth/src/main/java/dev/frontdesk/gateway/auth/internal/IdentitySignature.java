package dev.frontdesk.gateway.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The HMAC-SHA256 over identity headers that lets a backend check they were set by the gateway.
 * Header value: {@code v1;t=<epoch seconds>;rid=<request id>;h=<names>;sig=<base64url>}. Signed
 * text: a version line, the time, the request id, then {@code name:value} for each listed header
 * (empty when absent, so a header the gateway did not set cannot be added later).
 */
public final class IdentitySignature {
  private static final String VERSION = "v1";

  private IdentitySignature() {}

  /** The header value signing these headers' values at {@code epochSeconds}. */
  public static String sign(
      byte[] key,
      long epochSeconds,
      String requestId,
      List<String> names,
      Function<String, @Nullable String> values) {
    String joined = String.join(",", names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    String mac = mac(key, text(epochSeconds, requestId, names, values));
    return VERSION + ";t=" + epochSeconds + ";rid=" + requestId + ";h=" + joined + ";sig=" + mac;
  }

  /** The text that is signed. */
  public static String text(
      long epochSeconds,
      String requestId,
      List<String> names,
      Function<String, @Nullable String> values) {
    StringBuilder sb =
        new StringBuilder("frontdesk-identity-")
            .append(VERSION)
            .append('\n')
            .append(epochSeconds)
            .append('\n')
            .append(requestId)
            .append('\n');
    for (String name : names) {
      String value = values.apply(name);
      sb.append(name.toLowerCase(Locale.ROOT))
          .append(':')
          .append(value == null ? "" : value)
          .append('\n');
    }
    return sb.toString();
  }

  /** Base64url HMAC-SHA256 of {@code text}. */
  public static String mac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is on every Java platform", e);
    }
  }

  /**
   * Header values must be visible ASCII: anything else, '%', and a space at either end are
   * percent-encoded as UTF-8. Outer spaces are not part of a field value (RFC 9110 §5.5): sent as
   * they are, {@code " admin "} would reach the backend as {@code admin}.
   */
  public static String headerValue(String value) {
    return encode(value, -1);
  }

  /**
   * One element of a list header joined with {@code separator}: as {@link #headerValue}, and the
   * separator is percent-encoded too, so an element that contains it (a group "Domain Admins" in a
   * space-separated list) stays one element for whoever splits the header.
   */
  public static String listElement(String value, char separator) {
    return encode(value, separator);
  }

  private static String encode(String value, int separator) {
    StringBuilder sb = null;
    byte[] bytes = null;
    int last = value.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = value.charAt(i);
      if (c < 0x20
          || c > 0x7e
          || c == '%'
          || c == separator
          || (c == ' ' && (i == 0 || i == last))) {
        bytes = value.getBytes(StandardCharsets.UTF_8);
        sb = new StringBuilder();
        break;
      }
    }
    if (sb == null || bytes == null) {
      return value;
    }
    for (int i = 0; i < bytes.length; i++) {
      int u = bytes[i] & 0xff;
      boolean outerSpace = u == ' ' && (i == 0 || i == bytes.length - 1);
      if (u < 0x20 || u > 0x7e || u == '%' || u == separator || outerSpace) {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
      } else {
        sb.append((char) u);
      }
    }
    return sb.toString();
  }
}
