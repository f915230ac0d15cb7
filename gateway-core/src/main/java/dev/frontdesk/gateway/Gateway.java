package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.CompiledRoute;
import dev.frontdesk.gateway.internal.Failures;
import dev.frontdesk.gateway.internal.Forwarding;
import dev.frontdesk.gateway.internal.HostPattern;
import dev.frontdesk.gateway.internal.Listeners;
import dev.frontdesk.gateway.internal.ObservedExchange;
import dev.frontdesk.gateway.internal.PathPattern;
import dev.frontdesk.gateway.internal.PathNormalizer;
import dev.frontdesk.gateway.internal.Problems;
import dev.frontdesk.gateway.internal.RealChain;
import dev.frontdesk.gateway.internal.RouteIndex;
import dev.frontdesk.gateway.internal.RouteMatch;
import dev.frontdesk.gateway.internal.upstream.UpstreamGroup;
import dev.frontdesk.gateway.internal.upstream.UpstreamRuntime;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 *     .route("users", r -> r.path("/api/users/**").use(Middlewares.stripPrefix(1)).proxyToUpstream("users"))
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
  private static final PathPattern NO_ROUTE_PATH = PathPattern.compile("/**");

  private final RouteIndex index;
  private final List<Route> routes;
  private final Forwarding forwarding;
  private final UpstreamRuntime upstreams;
  private final List<Middleware> global;
  private final GatewayListener listener;
  /** Requests inside {@link #handle}; {@link #shutdown} waits for none to be left. */
  private final LongAdder inFlight = new LongAdder();
  private volatile boolean shuttingDown;
  private final AtomicBoolean closed = new AtomicBoolean();
  /**
   * What global middleware sees as {@link Middleware.Chain#route()} when no route matches: a
   * stand-in with an empty id, so middleware keyed by route id still has a key.
   */
  private final Route noRoute;

  /** @param global the gateway-wide middleware, also run for requests no route matches */
  Gateway(RouteIndex index, Forwarding forwarding, UpstreamRuntime upstreams, List<Middleware> global,
      GatewayListener listener) {
    this.index = index;
    this.listener = listener;
    this.global = List.copyOf(global);
    this.noRoute = new Route("", "/**", null, Set.of(), List.of(), global);
    this.routes = index.ordered().stream().map(CompiledRoute::route).toList();
    this.forwarding = forwarding;
    this.upstreams = upstreams;
  }

  public static GatewayBuilder builder() {
    return new GatewayBuilder();
  }

  /**
   * Answers a request. Never throws for anything the client did or an upstream did: those become
   * problem+json responses (400, 404, 405, 413, 502, 504, ...) that pass back through the
   * middleware like any other answer; a request no route matches runs the global middleware
   * around its 404. Every response carries the {@linkplain Response#requestId() request id}.
   * Close the response when done.
   */
  public Response handle(Request request) {
    Response response = dispatch(request, true);
    return Objects.requireNonNull(response);
  }

  /**
   * Answers a request if a route owns its path, for hosts that fall back to other handlers (the
   * servlet filter). Empty when no route matches; a path no route could safely match (ambiguous)
   * or a route that does not allow the method is still answered, with 400 or 405 (the 405 through
   * the global middleware).
   */
  public Optional<Response> handleIfMatched(Request request) {
    return Optional.ofNullable(dispatch(request, false));
  }

  /** The named upstreams as they stand now: instances, health, ejections, circuits. */
  public List<UpstreamStatus> upstreams() {
    return upstreams.groups().stream().map(UpstreamGroup::status).toList();
  }

  /** The routes, in the order in which they are tried. */
  public List<Route> routes() {
    return routes;
  }

  private @Nullable Response dispatch(Request request, boolean answerUnmatched) {
    Objects.requireNonNull(request, "request");
    inFlight.increment(); // before the check, so that shutdown never misses a request it let in
    try {
      return dispatch(request, answerUnmatched, System.nanoTime());
    } finally {
      inFlight.decrement();
    }
  }

  private @Nullable Response dispatch(Request request, boolean answerUnmatched, long start) {
    Routing routing = shuttingDown ? SHUTTING_DOWN : routing(request);
    if (routing.match() == null && routing.problem() == null && !answerUnmatched) {
      return null;
    }
    boolean trusted = forwarding.fromTrustedProxy(request);
    String requestId = forwarding.requestId(request, trusted);
    ObservedExchange observed = observe(request, start);
    Response response;
    try {
      response = answer(request, routing, trusted, requestId, observed);
    } catch (IOException e) { // the chain answers its own; this only satisfies the compiler
      response = Problems.response(Failures.of(e), requestId, request.path());
    } catch (RuntimeException e) {
      log.error("request {} {} (id {}) failed inside the gateway", request.method(), request.path(), requestId, e);
      GatewayException failure = GatewayException.internalError("the gateway failed to handle the request");
      if (observed != null) {
        observed.listener().problem(failure);
      }
      response = Problems.response(failure, requestId, request.path());
    }
    response = response.withRequestId(requestId);
    return observed == null ? response : observed.response(response);
  }

  /**
   * Where a request goes: a route, or a problem for the global chain (404, 405), or neither; a
   * problem without a path is answered at once (an unusable path, a gateway shutting down).
   */
  private record Routing(@Nullable String path, @Nullable RouteMatch match, @Nullable GatewayException problem) {}

  /** Once shutting down, every new request is told to go elsewhere, on a connection that closes. */
  private static final Routing SHUTTING_DOWN = new Routing(null, null,
      GatewayException.serviceUnavailable("the gateway is shutting down; retry on another instance")
          .withHeaders(Headers.of("Connection", "close", "Retry-After", "1")));

  private Routing routing(Request request) {
    String path;
    try {
      path = PathNormalizer.canonical(request.path());
    } catch (GatewayException unusable) { // there is nothing to run a chain for
      return new Routing(null, null, unusable);
    }
    try {
      RouteMatch match = index.match(request, path);
      return match != null ? new Routing(path, match, null) : new Routing(path, null, null);
    } catch (GatewayException methodNotAllowed) {
      return new Routing(path, null, methodNotAllowed);
    }
  }

  /** Runs the matched route's chain; without a route, the global middleware around a 404 or 405. */
  private Response answer(Request request, Routing routing, boolean trusted, String requestId,
      @Nullable ObservedExchange observed) throws IOException {
    String path = routing.path();
    RouteMatch match = routing.match();
    if (path == null) {
      GatewayException unusable = Objects.requireNonNull(routing.problem());
      if (observed != null) {
        observed.listener().problem(unusable);
      }
      return Problems.response(unusable, requestId, request.path());
    }
    CompiledRoute route = match != null ? match.route() : unmatched(routing.problem() != null
        ? routing.problem()
        : GatewayException.notFound("no route matches " + request.method() + " " + path));
    Request prepared = prepare(request, path, trusted, requestId, observed)
        .attribute(Attributes.ROUTE_ID, route.route().id())
        .attribute(Attributes.PATH_VARIABLES, match != null ? match.variables() : Map.of())
        .build();
    ExchangeListener exchange = observed != null ? observed.listener() : ExchangeListener.NONE;
    exchange.routed(route.route(), prepared);
    return new RealChain(route, prepared, requestId, request.path(), exchange).proceed(prepared);
  }

  /** A chain of the global middleware alone that ends in {@code problem}. */
  private CompiledRoute unmatched(GatewayException problem) {
    return new CompiledRoute(noRoute, NO_ROUTE_PATH, HostPattern.ANY_HOST, Set.of(), List.of(), -1, global,
        next -> {
          throw problem;
        });
  }

  private Request.Builder prepare(Request request, String path, boolean trusted, String requestId,
      @Nullable ObservedExchange observed) {
    Request.Builder b = request.newBuilder()
        .path(path)
        .attribute(Attributes.ORIGINAL_PATH, path)
        .attribute(Attributes.REQUEST_ID, requestId)
        .attribute(Attributes.CLIENT_ADDRESS, forwarding.clientAddress(request, trusted))
        .attribute(Attributes.FROM_TRUSTED_PROXY, trusted);
    Headers edge = forwarding.edgeHeaders(request, trusted);
    if (edge != request.headers()) {
      b.headers(edge); // what no middleware nor upstream may see is gone from here on
    }
    if (observed != null) {
      b.attribute(Listeners.EXCHANGE, observed.listener()).body(observed.requestBody(request.body()));
    }
    return b;
  }

  /** The exchange's observer, or null when nobody listens (then nothing is wrapped). */
  private @Nullable ObservedExchange observe(Request request, long start) {
    if (listener == Listeners.NONE) {
      return null;
    }
    ExchangeListener exchange = listener.exchangeStarted(request);
    return exchange == ExchangeListener.NONE ? null : new ObservedExchange(exchange, start);
  }

  /**
   * Whether the gateway takes requests: false from the moment {@link #shutdown} is called. A
   * readiness probe reports this, so that load balancers stop sending here.
   */
  public boolean isAcceptingRequests() {
    return !shuttingDown && !closed.get();
  }

  /**
   * Stops the gateway gracefully: from now on it is not ready ({@link #isAcceptingRequests()}), a
   * new request is answered 503 with {@code Connection: close} and {@code Retry-After}, the
   * requests already inside finish for up to {@code grace}, and then the gateway is {@linkplain
   * #close() closed}. A response body still streaming when this returns keeps its upstream
   * connection until it ends. Host containers stop accepting connections on their own (Jetty's
   * graceful stop, Tomcat's connector pause): call this after them.
   *
   * @return true when every request finished within {@code grace}
   */
  public boolean shutdown(Duration grace) {
    long end = System.nanoTime() + Durations.nonNegative(grace, "grace").toNanos();
    shuttingDown = true;
    boolean drained = false;
    try {
      while (!(drained = inFlight.sum() == 0) && System.nanoTime() < end) {
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!drained) {
      log.warn("shutdown: {} requests were still in flight after {}", inFlight.sum(), grace);
    }
    close();
    return drained;
  }

  /**
   * Closes the gateway at once: stops upstream health checks and discovery, releases the upstream
   * connections the gateway pooled, and closes, once each and in reverse order, the middleware and
   * handlers that are {@link AutoCloseable} (a rate limiter's backend, for instance). A client you
   * handed in with {@link GatewayBuilder#httpClient} is left open. Requests still inside may fail
   * with 502; {@link #shutdown(Duration)} lets them finish first. Closing twice does nothing.
   */
  @Override
  public void close() {
    closeKeeping(null);
  }

  /** Closes, leaving open what {@code successor} uses too (a reload that kept a rate limiter). */
  void closeKeeping(@Nullable Gateway successor) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    upstreams.close();
    List<AutoCloseable> owned = owned();
    if (successor != null) {
      Set<AutoCloseable> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      kept.addAll(successor.owned());
      owned.removeIf(kept::contains);
    }
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed", owned.get(i), e);
      }
    }
  }

  /** The closeable middleware and targets of all routes, each once, in declaration order. */
  private List<AutoCloseable> owned() {
    Set<AutoCloseable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<AutoCloseable> owned = new java.util.ArrayList<>();
    java.util.function.Consumer<Object> add = o -> {
      if (o instanceof AutoCloseable c && seen.add(c)) {
        owned.add(c);
      }
    };
    global.forEach(add);
    for (CompiledRoute route : index.ordered()) {
      route.chain().forEach(add);
      add.accept(route.target());
    }
    return owned;
  }

  @Override
  public String toString() {
    return "Gateway{" + routes.size() + " routes}";
  }
}
