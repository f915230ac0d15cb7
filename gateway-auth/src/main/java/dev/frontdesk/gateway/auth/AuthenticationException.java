package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.auth.internal.Challenges;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The request carried no acceptable credentials: the gateway answers 401 with a problem+json body
 * and one {@code WWW-Authenticate} challenge per accepted scheme (RFC 6750 §3, RFC 9110 §11.6.1),
 * so clients learn what to send. The detail never contains the credential itself.
 *
 * <pre>{@code
 * throw AuthenticationException.invalidToken("api", "the token has expired");
 * // 401, WWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="the token has expired"
 * }</pre>
 */
public final class AuthenticationException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> challenges;
  private final String reason;

  /**
   * @param detail what was wrong, for the client and the log; never include the credential
   * @param challenges the {@code WWW-Authenticate} values, at least one (RFC 9110 §15.5.2)
   */
  public AuthenticationException(String detail, List<String> challenges) {
    this(detail, challenges, null);
  }

  public AuthenticationException(
      String detail, List<String> challenges, @Nullable Throwable cause) {
    this(detail, challenges, cause, "unauthorized");
  }

  private AuthenticationException(
      String detail, List<String> challenges, @Nullable Throwable cause, String reason) {
    super(401, detail, Challenges.headers(checked(challenges)), cause);
    this.challenges = List.copyOf(challenges);
    this.reason = reason;
  }

  private static List<String> checked(List<String> challenges) {
    Objects.requireNonNull(challenges, "challenges");
    if (challenges.isEmpty()) {
      throw new IllegalArgumentException(
          "challenges must not be empty: a 401 needs WWW-Authenticate");
    }
    return challenges;
  }

  /** A bearer token that is malformed, expired, badly signed or otherwise unacceptable. */
  public static AuthenticationException invalidToken(@Nullable String realm, String description) {
    return invalidToken(realm, description, null);
  }

  /** As {@link #invalidToken(String, String)}, keeping the cause for the log. */
  public static AuthenticationException invalidToken(
      @Nullable String realm, String description, @Nullable Throwable cause) {
    Objects.requireNonNull(description, "description");
    return new AuthenticationException(
        description,
        List.of(Challenges.bearerError(realm, "invalid_token", description)),
        cause,
        "invalid_token");
  }

  /**
   * No credentials at all: the challenges list the schemes the route accepts, without error codes
   * (RFC 6750 §3.1).
   */
  public static AuthenticationException missingCredentials(List<String> challenges) {
    return new AuthenticationException(
        "credentials are required", challenges, null, "missing_credentials");
  }

  /**
   * {@code missing_credentials}, {@code invalid_token} (RFC 6750 §3.1), or {@code unauthorized} for
   * credentials rejected otherwise.
   */
  @Override
  public String reason() {
    return reason;
  }

  /** The {@code WWW-Authenticate} values sent with the 401. */
  public List<String> challenges() {
    return challenges;
  }
}
