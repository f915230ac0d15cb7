package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One way of proving who a request comes from: a JWT, an API key, an introspected token. Put one or
 * more on a route with {@link Authentication}; they are tried in the order given.
 *
 * <p>Three outcomes, so that several authenticators can share a route without masking a bad
 * credential: an {@link Identity} when the request carries a valid credential of this kind; {@code
 * null} when it carries none of this kind; an {@link AuthenticationException} (401) when it carries
 * one that is not acceptable.
 *
 * <p>Implementations are thread-safe.
 */
public interface Authenticator {
  /**
   * Proves the request's identity.
   *
   * @return the identity, or null when the request carries no credential of this kind
   * @throws AuthenticationException when the credential is present but unacceptable
   * @throws IOException when a remote check (key set, introspection) could not be made
   */
  @Nullable Identity authenticate(Request request) throws IOException;

  /**
   * The {@code WWW-Authenticate} challenge sent when a request carries no credential at all, such
   * as {@code Bearer realm="api"}.
   */
  String challenge();

  /**
   * The request to pass on once the request is authenticated (by this authenticator or another on
   * the same {@link Authentication}): without the credentials this authenticator reads from places
   * an upstream would otherwise receive and record, such as a token cookie or a query parameter.
   * The default removes nothing. Headers meant for the gateway alone, such as {@code
   * Authorization}, are left to {@link IdentityForwarding#forward()} and {@code
   * Middlewares.removeRequestHeader}.
   */
  default Request withoutCredential(Request request) {
    return request;
  }
}
