package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.GatewayComponent;
import dev.frontdesk.gateway.GatewayContext;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.OutboundClient;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The middleware that runs {@link Authenticator}s and puts the proved {@link Identity} into {@link
 * Attributes#IDENTITY}. Authenticators are tried in the order given; the first that finds a valid
 * credential wins, and a credential that is present but invalid ends the request with 401 at once
 * (a bad token is never silently skipped in favour of anonymous access). The request passed on
 * carries the identity and no longer carries what each authenticator removes with {@link
 * Authenticator#withoutCredential} (by default a JWT read from a cookie or query parameter and an
 * API key read from a query parameter).
 *
 * <pre>{@code
 * .route("orders", r -> r.path("/orders/**").use(Authentication.required(jwt, apiKeys)).proxyTo(orders))
 * // or globally, letting chosen routes through without credentials:
 * .use(Authentication.builder().authenticators(jwt).anonymousRoutes("health", "login").build())
 * }</pre>
 */
public final class Authentication {
  private final List<Authenticator> authenticators;
  private final boolean anonymousEverywhere;
  private final Set<String> anonymousRoutes;

  private Authentication(Builder b) {
    this.authenticators = List.copyOf(b.authenticators);
    this.anonymousEverywhere = b.anonymousEverywhere;
    // declaration order: build() reports unknown ones in the order given (Set.copyOf's order
    // changes per run)
    this.anonymousRoutes = Collections.unmodifiableSet(new LinkedHashSet<>(b.anonymousRoutes));
  }

  /** Requires a valid credential of one of these kinds: without one the client gets 401. */
  public static Middleware required(Authenticator... authenticators) {
    return builder().authenticators(authenticators).build();
  }

  /**
   * Lets requests without credentials through anonymously (no identity set); requests that do carry
   * a credential must carry a valid one.
   */
  public static Middleware optional(Authenticator... authenticators) {
    return builder().authenticators(authenticators).anonymousAllowed().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private Response intercept(Middleware.Chain chain) throws IOException {
    Request request = chain.request();
    for (Authenticator authenticator : authenticators) {
      Identity identity = authenticator.authenticate(request);
      if (identity != null) {
        return chain.proceed(
            withoutCredentials(request)
                .newBuilder()
                .attribute(Attributes.IDENTITY, identity)
                .build());
      }
    }
    if (anonymousEverywhere || anonymousRoutes.contains(chain.route().id())) {
      return chain.proceed(request.newBuilder().removeAttribute(Attributes.IDENTITY).build());
    }
    List<String> challenges = new ArrayList<>();
    authenticators.forEach(a -> challenges.add(a.challenge()));
    throw AuthenticationException.missingCredentials(challenges);
  }

  /**
   * Every authenticator's credentials go, not only the winner's: none is meant for the upstream.
   */
  private Request withoutCredentials(Request request) {
    Request result = request;
    for (Authenticator authenticator : authenticators) {
      result = authenticator.withoutCredential(result);
    }
    return result;
  }

  private Middleware middleware() {
    return new Installed();
  }

  /**
   * The middleware as the gateway sees it: it checks, when the gateway is built, that every
   * anonymous route exists (a typo would otherwise silently require credentials there).
   */
  private final class Installed implements Middleware, GatewayComponent {
    @Override
    public Response intercept(Chain chain) throws IOException {
      return Authentication.this.intercept(chain);
    }

    /** Also lets each authenticator that is a {@link GatewayComponent} check itself. */
    @Override
    public void check(GatewayContext gateway) {
      if (authenticators.isEmpty()) {
        gateway.problem("authentication: at least one authenticator is required");
      }
      for (Authenticator a : authenticators) {
        if (a instanceof GatewayComponent component) {
          component.check(gateway);
        }
      }
      for (String id : anonymousRoutes) {
        if (!gateway.routeIds().contains(id)) {
          gateway.problem(
              "authentication: anonymousRoutes names route '"
                  + id
                  + "', which is not declared"
                  + " (routes: "
                  + gateway.routeIds()
                  + ")");
        }
      }
    }

    /**
     * Hands the gateway's client to each authenticator that is a {@link GatewayComponent}, for its
     * calls to identity providers (JWKS, introspection).
     */
    @Override
    public void gatewayBuilt(OutboundClient client) {
      for (Authenticator a : authenticators) {
        if (a instanceof GatewayComponent component) {
          component.gatewayBuilt(client);
        }
      }
    }

    @Override
    public String toString() {
      return "Authentication" + authenticators + (anonymousEverywhere ? "(optional)" : "");
    }
  }

  /** Builds the authentication middleware. Defaults: credentials required on every route. */
  public static final class Builder {
    private final List<Authenticator> authenticators = new ArrayList<>();
    private boolean anonymousEverywhere;
    private final Set<String> anonymousRoutes = new LinkedHashSet<>();

    private Builder() {}

    /** Adds authenticators, tried in the order added. */
    public Builder authenticators(Authenticator... authenticators) {
      for (Authenticator a : Objects.requireNonNull(authenticators, "authenticators")) {
        this.authenticators.add(Objects.requireNonNull(a, "authenticators contains null"));
      }
      return this;
    }

    /** Requests without any credential pass through anonymously, on every route. */
    public Builder anonymousAllowed() {
      this.anonymousEverywhere = true;
      return this;
    }

    /**
     * Routes, by id, that requests without credentials may reach anonymously: the explicit list of
     * exceptions when this middleware is installed globally. An id the gateway does not declare is
     * reported by the gateway's {@code build()}.
     */
    public Builder anonymousRoutes(String... routeIds) {
      Arrays.stream(Objects.requireNonNull(routeIds, "routeIds"))
          .forEach(id -> anonymousRoutes.add(Objects.requireNonNull(id, "routeIds contains null")));
      return this;
    }

    /**
     * The middleware; at least one authenticator is required, which the gateway's {@code build()}
     * checks (this does not throw).
     */
    public Middleware build() {
      return new Authentication(this).middleware();
    }
  }
}
