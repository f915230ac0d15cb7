package dev.frontdesk.gateway.auth.internal;

import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.auth.AuthenticationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Finds credentials in a request (the bearer token of RFC 6750 §2.1, cookies, query parameters) and
 * removes them from the request passed on.
 */
public final class Credentials {

  private Credentials() {}

  /**
   * The bearer token, or null when there is no {@code Authorization} header or it uses another
   * scheme. The scheme is matched case-insensitively and may be followed by several spaces (RFC
   * 9110 §11.4: {@code auth-scheme 1*SP token68}); anything else that claims to be Bearer is a 401,
   * and so are two {@code Authorization} headers, which no client sends in good faith.
   */
  public static @Nullable String bearerToken(
      Request request, @Nullable String realm, int maxLength) {
    List<String> values = request.headers().values("Authorization");
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw AuthenticationException.invalidToken(
          realm, "the request has more than one Authorization header");
    }
    String value = values.get(0);
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      return null;
    }
    String token = space < 0 ? "" : value.substring(space).stripLeading();
    return checked(token, realm, maxLength);
  }

  /** Checks a token's length and alphabet before any parser sees it. */
  public static String checked(String token, @Nullable String realm, int maxLength) {
    if (token.length() > maxLength) {
      throw AuthenticationException.invalidToken(
          realm, "the token is longer than " + maxLength + " characters");
    }
    if (!isB64Token(token)) {
      throw AuthenticationException.invalidToken(realm, "the Bearer credentials are malformed");
    }
    return token;
  }

  /**
   * RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
   * A loop rather than a regular expression: it runs on every request.
   */
  static boolean isB64Token(String token) {
    int end = token.length();
    while (end > 0 && token.charAt(end - 1) == '=') {
      end--;
    }
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = token.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The value of the first cookie with this name, or null. */
  public static @Nullable String cookie(Request request, String name) {
    for (String header : request.headers().values("Cookie")) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return pair.substring(eq + 1).strip();
        }
      }
    }
    return null;
  }

  /** The decoded value of the first query parameter with this name, or null. */
  public static @Nullable String queryParameter(Request request, String name) {
    String query = request.query();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(key).equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a broken escape is compared as written: it matches nothing we look for
    }
  }

  /**
   * The request without the cookies of this name, the others kept in their order. Each {@code
   * Cookie} header is rebuilt as {@code name=value; name=value} (RFC 6265 §4.2.1), or dropped when
   * nothing is left in it. The same request when there is no such cookie.
   */
  public static Request withoutCookie(Request request, String name) {
    List<String> headers = request.headers().values("Cookie");
    List<String> kept = new ArrayList<>(headers.size());
    boolean removed = false;
    for (String header : headers) {
      StringJoiner rebuilt = new StringJoiner("; ");
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          removed = true;
        } else if (!pair.isBlank()) {
          rebuilt.add(pair.strip());
        }
      }
      if (rebuilt.length() > 0) {
        kept.add(rebuilt.toString());
      }
    }
    if (!removed) {
      return request;
    }
    Request.Builder b = request.newBuilder().removeHeader("Cookie");
    kept.forEach(value -> b.addHeader("Cookie", value));
    return b.build();
  }

  /**
   * The request without the query parameters of this name (compared decoded, as {@link
   * #queryParameter} finds them). The other parameters keep their bytes and order: re-encoding them
   * could change what the upstream reads. A query left empty is dropped with its {@code ?}. The
   * same request when there is no such parameter.
   */
  public static Request withoutQueryParameter(Request request, String name) {
    String query = request.query();
    if (query == null) {
      return request;
    }
    StringJoiner rebuilt = new StringJoiner("&");
    boolean removed = false;
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
        removed = true;
      } else {
        rebuilt.add(pair);
      }
    }
    if (!removed) {
      return request;
    }
    return request.newBuilder().query(rebuilt.length() == 0 ? null : rebuilt.toString()).build();
  }
}
