package dev.frontdesk.gateway.auth.internal;

import dev.frontdesk.gateway.Headers;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Formats {@code WWW-Authenticate} challenges as RFC 6750 §3 and RFC 9110 §11.6.1 spell them. */
public final class Challenges {
  private Challenges() {}

  /** {@code Bearer realm="api"}, or just {@code Bearer} without a realm. */
  public static String bearer(@Nullable String realm) {
    return realm == null ? "Bearer" : "Bearer realm=" + quote(realm);
  }

  /** A challenge carrying an RFC 6750 error code and a human description. */
  public static String bearerError(@Nullable String realm, String error, String description) {
    StringBuilder sb = new StringBuilder(bearer(realm));
    sb.append(realm == null ? " " : ", ");
    sb.append("error=").append(quote(error));
    sb.append(", error_description=").append(quote(description));
    return sb.toString();
  }

  /** The 403 challenge of RFC 6750 §3.1 naming the scopes the resource needs. */
  public static String insufficientScope(
      @Nullable String realm, String description, Set<String> scopes) {
    String base = bearerError(realm, "insufficient_scope", description);
    return scopes.isEmpty() ? base : base + ", scope=" + quote(String.join(" ", scopes));
  }

  /** Headers with one {@code WWW-Authenticate} field per challenge. */
  public static Headers headers(List<String> challenges) {
    Headers.Builder b = Headers.builder();
    challenges.forEach(c -> b.add("WWW-Authenticate", c));
    return b.build();
  }

  /**
   * A quoted-string holding only the characters RFC 6750 §3 allows in error attributes (%x20-21 /
   * %x23-5B / %x5D-7E): anything else becomes '?', so nothing a client sent can break the header.
   */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
      sb.append(allowed ? c : '?');
    }
    return sb.append('"').toString();
  }
}
