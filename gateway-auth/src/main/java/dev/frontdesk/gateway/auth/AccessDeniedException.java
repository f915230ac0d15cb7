package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.auth.internal.Challenges;
import java.util.Objects;
import java.util.Set;

/**
 * The client proved who it is but may not do this: 403. When scopes are missing, the answer carries
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."} (RFC 6750 §3.1) so the
 * client knows which token to ask for.
 */
public final class AccessDeniedException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /** A plain 403 with this detail and no challenge (a group or claim rule failed). */
  public AccessDeniedException(String detail) {
    super(403, detail);
    this.reason = "forbidden";
  }

  private AccessDeniedException(String detail, Headers headers) {
    super(403, detail, headers, null);
    this.reason = "insufficient_scope";
  }

  /**
   * {@code insufficient_scope} (RFC 6750 §3.1) when scopes were missing, else {@code forbidden}.
   */
  @Override
  public String reason() {
    return reason;
  }

  /** 403 {@code insufficient_scope}, naming the scopes the route requires. */
  public static AccessDeniedException insufficientScope(Set<String> required) {
    Objects.requireNonNull(required, "required");
    String detail = "the token lacks a required scope (" + String.join(" ", required) + ")";
    return new AccessDeniedException(
        detail,
        Headers.of("WWW-Authenticate", Challenges.insufficientScope(null, detail, required)));
  }
}
