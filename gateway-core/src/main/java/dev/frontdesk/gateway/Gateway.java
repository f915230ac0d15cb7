package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.CompiledRoute;
import dev.frontdesk.gateway.internal.Forwarding;
import dev.frontdesk.gateway.internal.PathNormalizer;
import dev.frontdesk.gateway.internal.Problems;
import dev.frontdesk.gateway.internal.RealChain;
import dev.frontdesk.gateway.internal.RouteIndex;
import dev.frontdesk.gateway.internal.RouteMatch;
import dev.frontdesk.gateway.internal.upstream.UpstreamRuntime;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: routes, middleware and upstreams, built once and immutable, safe to share between
 * threads. {@link #handle(Request)} answers one request, in process, with or without a server: a
 * host adapter (the servlet module) calls it, and so can your tests.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .upstream(Upstream.of("users", "http://localhost:8081"))
 *     .use(Middlewares.setResponseHeader("X-Served-By", "frontdesk"))
 *     .route("users", r -> r.path("/api/users/**").use(Middlewares.stripPrefix(1)).toUpstream("users"))
 *     .route("health", r -> r.get("/health").respond(200, "text/plain", "ok"))
 *     .build();
 *
 * try (Response response = gateway.handle(Request.of("GET", "/health"))) {
 *   assert response.status() == 200;
 * }
 * }</pre>
 *
 * <p>A new configuration is a new {@code Gateway}; where it is hosted, swap the reference and
 * {@link #close()} the old one once its requests are done.
 */
public final class Gateway implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final RouteIndex index;
  private final List<Route> routes;
  private final Forwarding forwarding;
  private final UpstreamRuntime upstreams;

  Gateway(RouteIndex index, Forwarding forwarding, UpstreamRuntime upstreams) {
    this.index = index;
    this.routes = index.ordered().stream().map(CompiledRoute::route).toList();
    this.forwarding = forwarding;
    this.upstreams = upstreams;
  }

  public static GatewayBuilder builder() {
    return new GatewayBuilder();
  }

  /**
   * Answers a request. Never throws for anything the client did or an upstream did: those become
   * problem+json responses (400, 404, 405, 413, 502, 504, ...). Close the response when done.
   */
  public Response handle(Request request) {
    Response response = dispatch(request, true);
    return Objects.requireNonNull(response);
  }

  /**
   * Answers a request if a route owns its path, for hosts that fall back to other handlers (the
   * servlet filter). Empty when no route matches; a path no route could safely match (ambiguous)
   * or a route that does not allow the method is still answered, with 400 or 405.
   */
  public Optional<Response> handleIfMatched(Request request) {
    return Optional.ofNullable(dispatch(request, false));
  }

  /** The routes, in the order in which they are tried. */
  public List<Route> routes() {
    return routes;
  }

  private @Nullable Response dispatch(Request request, boolean answerUnmatched) {
    Objects.requireNonNull(request, "request");
    boolean trusted = forwarding.fromTrustedProxy(request);
    String requestId = forwarding.requestId(request, trusted);
    try {
      String path = PathNormalizer.canonical(request.path());
      RouteMatch match = index.match(request, path);
      if (match == null) {
        if (!answerUnmatched) {
          return null;
        }
        throw new GatewayException(404, "Not Found", "no route matches " + request.method() + " " + path);
      }
      Request routed = request.newBuilder()
          .path(path)
          .attribute(Attributes.REQUEST_ID, requestId)
          .attribute(Attributes.CLIENT_ADDRESS, forwarding.clientAddress(request, trusted))
          .attribute(Attributes.FROM_TRUSTED_PROXY, trusted)
          .attribute(Attributes.ROUTE_ID, match.route().route().id())
          .attribute(Attributes.PATH_VARIABLES, match.variables())
          .build();
      return new RealChain(match.route(), 0, routed).proceed(routed);
    } catch (GatewayException e) {
      return Problems.response(e, requestId, request.path());
    } catch (IOException e) {
      log.warn("request {} {} failed: {}", request.method(), request.path(), e.toString());
      return Problems.response(new GatewayException(502, "Bad Gateway", "the request could not be completed"),
          requestId, request.path());
    } catch (RuntimeException e) {
      log.error("request {} {} (id {}) failed inside the gateway", request.method(), request.path(), requestId, e);
      return Problems.response(new GatewayException(500, "Internal Server Error",
          "the gateway failed to handle the request"), requestId, request.path());
    }
  }

  /**
   * Stops upstream health checks and discovery, and releases the upstream connections the gateway
   * pooled (a client you handed in with {@link GatewayBuilder#httpClient} is left open).
   */
  @Override
  public void close() {
    upstreams.close();
  }

  @Override
  public String toString() {
    return "Gateway{" + routes.size() + " routes}";
  }
}
