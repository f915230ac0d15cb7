package dev.frontdesk.gateway.auth.internal;

/** Why a token is not acceptable, in words safe to show the client (never the token itself). */
public final class TokenRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TokenRejected(String reason) {
    super(reason, null, false, false);
  }
}
