package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.CompiledRoute;
import dev.frontdesk.gateway.internal.Failures;
import dev.frontdesk.gateway.internal.Forwarding;
import dev.frontdesk.gateway.internal.HostPattern;
import dev.frontdesk.gateway.internal.Listeners;
import dev.frontdesk.gateway.internal.ObservedExchange;
import dev.frontdesk.gateway.internal.PathNormalizer;
import dev.frontdesk.gateway.internal.PathPattern;
import dev.frontdesk.gateway.internal.Problems;
import dev.frontdesk.gateway.internal.ProxyHandler;
import dev.frontdesk.gateway.internal.RealChain;
import dev.frontdesk.gateway.internal.RealOutboundClient;
import dev.frontdesk.gateway.internal.RouteIndex;
import dev.frontdesk.gateway.internal.RouteMatch;
import dev.frontdesk.gateway.internal.TimeSource;
import dev.frontdesk.gateway.internal.TrustedProxies;
import dev.frontdesk.gateway.internal.WebSocketProxy;
import dev.frontdesk.gateway.internal.http.Http1Transport;
import dev.frontdesk.gateway.internal.http.OkHttpTransport;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import dev.frontdesk.gateway.internal.upstream.UpstreamCaller;
import dev.frontdesk.gateway.internal.upstream.UpstreamGroup;
import dev.frontdesk.gateway.internal.upstream.UpstreamRuntime;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
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

  /** What {@link #shutdown} waits on; notified when the last request in flight leaves. */
  private final Object drained = new Object();

  /** Time for the exchange's duration and for {@link #shutdown}'s grace. */
  private final TimeSource time;

  private volatile boolean shuttingDown;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * What global middleware sees as {@link Middleware.Chain#route()} when no route matches: a
   * stand-in with an empty id, so middleware keyed by route id still has a key.
   */
  private final Route noRoute;

  /** The configuration this gateway was built from, for {@link #newBuilder()}; never changed. */
  private final Builder configuration;

  /**
   * @param global the gateway-wide middleware, also run for requests no route matches
   */
  Gateway(
      RouteIndex index,
      Forwarding forwarding,
      UpstreamRuntime upstreams,
      List<Middleware> global,
      GatewayListener listener,
      TimeSource time,
      Builder configuration) {
    this.index = index;
    this.time = time;
    this.configuration = configuration;
    this.listener = listener;
    this.global = List.copyOf(global);
    this.noRoute = new Route("", "/**", null, Set.of(), List.of(), global);
    this.routes = index.ordered().stream().map(CompiledRoute::route).toList();
    this.forwarding = forwarding;
    this.upstreams = upstreams;
  }

  /** A builder for a new gateway, with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this gateway's configuration (routes, upstreams, middleware,
   * listeners and settings), to change and {@linkplain Builder#build() build} a new gateway, as
   * OkHttp's {@code client.newBuilder()} does. This gateway is not changed. The new gateway shares
   * the middleware, handler and listener objects with this one, so a rate limiter keeps its
   * buckets: hand it over with {@link GatewayHolder#swap}, which closes only what the successor
   * does not use.
   *
   * <pre>{@code
   * Gateway slower = gateway.newBuilder().readTimeout(Duration.ofSeconds(60)).build();
   * }</pre>
   */
  public Builder newBuilder() {
    return new Builder(configuration);
  }

  /**
   * Answers a request. Never throws for anything the client did or an upstream did: those become
   * problem+json responses (400, 404, 405, 413, 502, 504, ...) that pass back through the
   * middleware like any other answer; a request no route matches runs the global middleware around
   * its 404. Every response carries the {@linkplain Response#requestId() request id}. Close the
   * response when done.
   */
  public Response handle(Request request) {
    Response response = dispatch(request, true);
    return Objects.requireNonNull(response);
  }

  /**
   * Answers a request if a route owns its path, for hosts that fall back to other handlers (the
   * servlet filter). Empty when no route matches; a path no route could safely match (ambiguous) or
   * a route that does not allow the method is still answered, with 400 or 405 (the 405 through the
   * global middleware).
   */
  public Optional<Response> handleIfMatched(Request request) {
    return Optional.ofNullable(dispatch(request, false));
  }

  /**
   * The upstreams' live state, for a gateway that takes it over ({@link
   * Builder#upstreamStateFrom}).
   */
  UpstreamRuntime upstreamRuntime() {
    return upstreams;
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
      return dispatch(request, answerUnmatched, time.read());
    } finally {
      inFlight.decrement();
      if (shuttingDown) {
        signalIfDrained();
      }
    }
  }

  /** Wakes {@link #shutdown} when no request is left inside. */
  private void signalIfDrained() {
    if (inFlight.sum() == 0) {
      synchronized (drained) {
        drained.notifyAll();
      }
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
      log.error(
          "request {} {} (id {}) failed inside the gateway",
          request.method(),
          request.path(),
          requestId,
          e);
      GatewayException failure =
          GatewayException.internalError("the gateway failed to handle the request");
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
  private record Routing(
      @Nullable String path, @Nullable RouteMatch match, @Nullable GatewayException problem) {}

  /** Once shutting down, every new request is told to go elsewhere, on a connection that closes. */
  private static final Routing SHUTTING_DOWN =
      new Routing(
          null,
          null,
          GatewayException.serviceUnavailable(
                  "the gateway is shutting down; retry on another instance")
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
  private Response answer(
      Request request,
      Routing routing,
      boolean trusted,
      String requestId,
      @Nullable ObservedExchange observed)
      throws IOException {
    String path = routing.path();
    RouteMatch match = routing.match();
    if (path == null) {
      GatewayException unusable = Objects.requireNonNull(routing.problem());
      if (observed != null) {
        observed.listener().problem(unusable);
      }
      return Problems.response(unusable, requestId, request.path());
    }
    CompiledRoute route =
        match != null
            ? match.route()
            : unmatched(
                routing.problem() != null
                    ? routing.problem()
                    : GatewayException.notFound(
                        "no route matches " + request.method() + " " + path));
    Request prepared =
        prepare(request, path, trusted, requestId, observed)
            .attribute(Attributes.ROUTE_ID, route.route().id())
            .attribute(Attributes.PATH_VARIABLES, match != null ? match.variables() : Map.of())
            .build();
    ExchangeListener exchange = observed != null ? observed.listener() : ExchangeListener.NONE;
    exchange.routed(route.route(), prepared);
    return new RealChain(route, prepared, requestId, request.path(), exchange).proceed(prepared);
  }

  /** A chain of the global middleware alone that ends in {@code problem}. */
  private CompiledRoute unmatched(GatewayException problem) {
    return new CompiledRoute(
        noRoute,
        NO_ROUTE_PATH,
        HostPattern.ANY_HOST,
        Set.of(),
        List.of(),
        -1,
        global,
        next -> {
          throw problem;
        });
  }

  private Request.Builder prepare(
      Request request,
      String path,
      boolean trusted,
      String requestId,
      @Nullable ObservedExchange observed) {
    Request.Builder b =
        request
            .newBuilder()
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
      b.attribute(Listeners.EXCHANGE, observed.listener())
          .body(observed.requestBody(request.body()));
    }
    return b;
  }

  /** The exchange's observer, or null when nobody listens (then nothing is wrapped). */
  private @Nullable ObservedExchange observe(Request request, long start) {
    if (listener == Listeners.NONE) {
      return null;
    }
    ExchangeListener exchange = listener.exchangeStarted(request);
    return exchange == ExchangeListener.NONE ? null : new ObservedExchange(exchange, start, time);
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
    long end = time.read() + Durations.nonNegative(grace, "grace").toNanos();
    shuttingDown = true; // from here on, the request that leaves last notifies
    boolean done = awaitDrained(end);
    if (!done) {
      log.warn("shutdown: {} requests were still in flight after {}", inFlight.sum(), grace);
    }
    close();
    return done;
  }

  /** Waits until no request is in flight or the ticker reaches {@code end}; true when none is. */
  private boolean awaitDrained(long end) {
    synchronized (drained) {
      try {
        for (long left = end - time.read(); inFlight.sum() != 0 && left > 0; ) {
          time.waitOn(drained, left);
          left = end - time.read();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inFlight.sum() == 0;
    }
  }

  /**
   * Closes the gateway at once: stops upstream health checks and discovery, releases the upstream
   * connections the gateway pooled, and closes, once each and in reverse order, the middleware and
   * handlers that are {@link AutoCloseable} (a rate limiter's backend, for instance). A client you
   * handed in with {@link Builder#httpClient} is left open. Requests still inside may fail with
   * 502; {@link #shutdown(Duration)} lets them finish first. Closing twice does nothing.
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
      Set<AutoCloseable> kept =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
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
    Set<AutoCloseable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<AutoCloseable> owned = new java.util.ArrayList<>();
    java.util.function.Consumer<Object> add =
        o -> {
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

  /**
   * Builds a {@link Gateway}. The rule for every Frontdesk builder:
   *
   * <ul>
   *   <li>A null argument is a programming error: the setter throws {@link NullPointerException}
   *       naming it, at once.
   *   <li>A bad value (a zero timeout, a path pattern that does not parse, a status out of range)
   *       never throws from the setter: it is recorded, naming the route, upstream or option it
   *       belongs to, and the option keeps its previous value. This builder, its {@link
   *       Route.Builder routes}, {@link RouteGroup groups} and the {@link Upstream upstreams} given
   *       to it record their mistakes, and {@link #build()} lists them all in one {@link
   *       GatewayConfigException}, with what it finds across the whole (duplicate route ids and
   *       upstream names, routes without targets, unknown upstreams, routes another route shadows,
   *       what each {@link GatewayComponent} reports, such as an authenticator or an aggregation
   *       leg). {@link Upstream.Builder#build()} does not throw: the upstream carries its mistakes
   *       here.
   *   <li>Value builders used inside those ({@link RetryPolicy}, {@link CircuitBreakerPolicy},
   *       {@link HealthCheck}, {@link OutlierDetection}, {@link Instance}, {@link UpstreamTls})
   *       record the same way, and their own {@code build()} throws one {@link
   *       GatewayConfigException} listing all of their mistakes.
   *   <li>An option set again takes the last value.
   * </ul>
   *
   * <p>Each recording builder's {@code problems()} lists what it has recorded so far, for tools
   * that point at their own input (the configuration module reports each at its file's key).
   */
  public static final class Builder {
    // Defaults, all overridable.
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(30);
    private int maxIdleConnections = 256;
    private Duration idleConnectionTimeout = Duration.ofMinutes(1);
    private List<String> trustedProxies = List.of();
    private boolean forwardedHeader = false;
    private boolean realIpHeader = false;
    private @Nullable String via = "frontdesk"; // null: no Via entries
    private boolean allowUnderscoresInHeaders = false;
    private @Nullable OkHttpClient httpClient;
    private @Nullable UpstreamTls
        upstreamTls; // null: the JDK's default trust, no client certificate
    private final List<GatewayListener> listeners = new ArrayList<>();
    private Ticker ticker = Ticker.system();

    private final List<Middleware> global = new ArrayList<>();
    private final List<RouteGroup.Declared> routes = new ArrayList<>();
    private final BuilderProblems problems = new BuilderProblems("");
    private final RouteGroup root = new RouteGroup("", List.of(), routes, problems);
    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();
    private final List<String> duplicateUpstreams = new ArrayList<>();
    private final List<String> upstreamProblems = new ArrayList<>(); // each naming its upstream
    private @Nullable Gateway
        stateFrom; // whose equal upstreams' state the new gateway takes over; not copied

    Builder() {}

    /** A copy of {@code other}: declared routes are immutable once declared, so they are shared. */
    private Builder(Builder other) {
      connectTimeout = other.connectTimeout;
      readTimeout = other.readTimeout;
      maxIdleConnections = other.maxIdleConnections;
      idleConnectionTimeout = other.idleConnectionTimeout;
      trustedProxies = other.trustedProxies;
      forwardedHeader = other.forwardedHeader;
      realIpHeader = other.realIpHeader;
      via = other.via;
      allowUnderscoresInHeaders = other.allowUnderscoresInHeaders;
      httpClient = other.httpClient;
      upstreamTls = other.upstreamTls;
      listeners.addAll(other.listeners);
      ticker = other.ticker;
      global.addAll(other.global);
      routes.addAll(other.routes);
      upstreams.putAll(other.upstreams);
      duplicateUpstreams.addAll(other.duplicateUpstreams);
      upstreamProblems.addAll(other.upstreamProblems);
      problems.addAll(other.problems.list());
    }

    /**
     * The mistakes this builder's setters and groups recorded so far (not those of routes, which
     * each {@link Route.Builder#problems()} lists, nor those {@link #build()} finds across the
     * whole); {@link #build()} reports them. For tools that point at their own input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /**
     * Adds global middleware: it runs for every route, before group and route middleware, including
     * routes declared before this call (global middleware is applied at {@link #build()}).
     */
    public Builder use(Middleware... middleware) {
      for (Middleware m : middleware) {
        global.add(Objects.requireNonNull(m, "middleware"));
      }
      return this;
    }

    /**
     * Takes over, at {@link #build()}, the live state of {@code previous}'s upstreams that
     * {@linkplain Upstream#equals equal} one of this builder's (same name, instances and settings):
     * which instances the health checks marked down, which circuits are open (and until when),
     * which instances are ejected (and how often they were). For a hot swap, so that a new
     * configuration does not send traffic back to instances the old one had taken out:
     *
     * <pre>{@code
     * holder.swap(Gateway.builder()...upstreamStateFrom(holder.current()).build());
     * }</pre>
     *
     * <p>The state is copied when this builder builds: the two gateways share no thread and no
     * object, so closing {@code previous} afterwards changes nothing here. Upstreams that changed,
     * or that {@code previous} did not have, start afresh. From then on the new gateway's own
     * health checks and calls decide (a down instance needs its passing checks to come back).
     */
    public Builder upstreamStateFrom(Gateway previous) {
      this.stateFrom = Objects.requireNonNull(previous, "previous");
      return this;
    }

    /** Declares a route. */
    public Builder route(String id, Consumer<Route.Builder> spec) {
      root.route(id, spec);
      return this;
    }

    /** Declares routes that share a path prefix and middleware. */
    public Builder group(String prefix, Consumer<RouteGroup> spec) {
      root.group(prefix, spec);
      return this;
    }

    /**
     * Declares a named upstream for {@link Route.Builder#proxyToUpstream(String)}. Two upstreams
     * with one name are a mistake that {@link #build()} reports.
     */
    public Builder upstream(Upstream upstream) {
      Objects.requireNonNull(upstream, "upstream");
      if (upstreams.putIfAbsent(upstream.name(), upstream) != null) {
        duplicateUpstreams.add(upstream.name());
      }
      upstreamProblems.addAll(upstream.problems);
      return this;
    }

    /** Default time to connect to an upstream (5 s). */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "connectTimeout");
      problems.check(() -> this.connectTimeout = Durations.positive(timeout, "connectTimeout"));
      return this;
    }

    /** Default time an upstream may stay silent before the client gets 504 (30 s). */
    public Builder readTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "readTimeout");
      problems.check(() -> this.readTimeout = Durations.positive(timeout, "readTimeout"));
      return this;
    }

    /**
     * Idle upstream connections kept for reuse (256), across all upstreams. Size it to the
     * concurrency you expect: reconnecting costs more than anything else on the proxy path.
     */
    public Builder maxIdleConnections(int count) {
      if (count < 0) {
        problems.add("maxIdleConnections must not be negative: " + count);
      } else {
        this.maxIdleConnections = count;
      }
      return this;
    }

    /** How long an idle upstream connection is kept (1 min). */
    public Builder idleConnectionTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "idleConnectionTimeout");
      problems.check(
          () -> this.idleConnectionTimeout = Durations.positive(timeout, "idleConnectionTimeout"));
      return this;
    }

    /**
     * Peers whose {@code X-Forwarded-*}, {@code Forwarded} and {@code X-Request-Id} headers are
     * believed: addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}). From anybody else those
     * headers are replaced. Default: none.
     */
    public Builder trustedProxies(String... cidrs) {
      List<String> list = List.of(cidrs);
      problems.check(
          () -> {
            TrustedProxies.of(list); // validate now
            this.trustedProxies = list;
          });
      return this;
    }

    /** Also sends the RFC 7239 {@code Forwarded} header upstream (off by default). */
    public Builder forwardedHeader(boolean enabled) {
      this.forwardedHeader = enabled;
      return this;
    }

    /**
     * Also sends {@code X-Real-IP} upstream, set to the client's address as the gateway determined
     * it ({@link Attributes#CLIENT_ADDRESS}), replacing any the request carries (off by default).
     * Whether or not this is on, a client-sent {@code X-Real-IP}, {@code True-Client-IP}, {@code
     * X-Client-IP}, {@code X-Cluster-Client-IP}, {@code CF-Connecting-IP} or {@code
     * Fastly-Client-IP} is removed as the request enters the gateway unless the peer is one of the
     * {@link #trustedProxies}.
     */
    public Builder realIpHeader(boolean enabled) {
      this.realIpHeader = enabled;
      return this;
    }

    /**
     * The pseudonym in the {@code Via} entry the gateway adds to every forwarded request and to
     * every upstream response (RFC 9110 §7.6.3), after any entries already there: {@code Via: 1.1
     * frontdesk} for an HTTP/1.1 client, {@code 2 frontdesk} for HTTP/2. Default {@code frontdesk}:
     * no product version is revealed. It must be a token, such as {@code edge-eu1}.
     */
    public Builder via(String pseudonym) {
      Objects.requireNonNull(pseudonym, "pseudonym");
      if (pseudonym.isEmpty() || !pseudonym.chars().allMatch(Builder::isTokenChar)) {
        problems.add(
            "via pseudonym must be a token (letters, digits and !#$%&'*+-.^_`|~): '"
                + pseudonym
                + "'");
      } else {
        this.via = pseudonym;
      }
      return this;
    }

    /** Adds no {@code Via} entries: requests and responses pass with the ones they have. */
    public Builder noVia() {
      this.via = null;
      return this;
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static boolean isTokenChar(int c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /**
     * Lets request headers whose names contain {@code _} through (off by default). Off, they are
     * removed as the request enters the gateway, before any middleware, as NGINX does by default
     * ({@code underscores_in_headers off}): CGI, WSGI and Rack backends read {@code X_User_Id} and
     * {@code X-User-Id} as the same variable, so an underscored name could pass for an identity
     * header the gateway sets.
     */
    public Builder allowUnderscoresInHeaders(boolean allowed) {
      this.allowUnderscoresInHeaders = allowed;
      return this;
    }

    /**
     * Uses your OkHttp client for upstream calls instead of the gateway's own HTTP/1.1 client (for
     * your TLS settings, proxies, event listeners, HTTP/2). The gateway derives per-route variants
     * with {@code newBuilder()} and does not close it. Whatever the client's own settings, the
     * gateway's variants never follow redirects nor retry on their own: a proxy returns redirects
     * to its client and must not replay requests silently. {@link #maxIdleConnections} and {@link
     * #idleConnectionTimeout} then do not apply: the client's own pool does, and {@link
     * #upstreamTls} may not be set: the client's own TLS settings do.
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * TLS for {@code https://} upstreams: the certificate authorities to trust and the client
     * certificate for mutual TLS (default: the JDK's trust, no client certificate). It applies to
     * every upstream call, health checks included. Not with {@link #httpClient}: configure TLS on
     * your OkHttp client instead.
     */
    public Builder upstreamTls(UpstreamTls tls) {
      this.upstreamTls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Adds a listener for what the gateway does: requests, upstream attempts, retries, ejections,
     * circuit changes. Listeners are called in the order added; see {@link GatewayListener}.
     */
    public Builder listener(GatewayListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The time the gateway measures and waits by ({@link Ticker#system()}): how long exchanges and
     * upstream attempts take, upstream deadlines and retry back-off, aggregation deadlines, and
     * {@link Gateway#shutdown}'s grace. For tests: hand in a fake ticker (core's test-jar {@code
     * FakeClock}) and a retry waits until the test advances it past the back-off, without the test
     * sleeping. Upstreams' ejections, circuit windows and retry budgets read it too, so a step of
     * the wall clock (an NTP correction, a date set by hand) never lengthens an ejection or an open
     * circuit. Socket timeouts stay real time, as the operating system keeps them.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Checks the whole configuration and builds the gateway.
     *
     * @throws GatewayConfigException listing every mistake: those the setters of this builder, its
     *     routes and its upstreams recorded, and those found across the whole
     */
    public Gateway build() {
      List<String> problems = new ArrayList<>(this.problems.list());
      problems.addAll(upstreamProblems);
      duplicateUpstreams.forEach(name -> problems.add("upstream '" + name + "' is declared twice"));
      if (httpClient != null && upstreamTls != null) {
        problems.add(
            "upstreamTls(...) and httpClient(...) are both set: the gateway's own client, which upstreamTls"
                + " configures, is not used with your OkHttpClient; set TLS on that client (sslSocketFactory) instead");
      }
      UpstreamTransport transport =
          httpClient != null
              ? new OkHttpTransport(httpClient)
              : upstreamTls != null
                  ? new Http1Transport(
                      maxIdleConnections, idleConnectionTimeout, upstreamTls.socketFactory())
                  : new Http1Transport(maxIdleConnections, idleConnectionTimeout);
      Forwarding forwarding =
          new Forwarding(
              TrustedProxies.of(trustedProxies),
              forwardedHeader,
              realIpHeader,
              via,
              allowUnderscoresInHeaders);
      UpstreamRuntime runtime = new UpstreamRuntime(transport);
      GatewayListener events = Listeners.of(listeners);
      TimeSource time = TimeSource.of(ticker);
      Assembly assembly = new Assembly(forwarding, runtime, events, time);
      List<CompiledRoute> compiled = new ArrayList<>();
      Set<String> ids = new java.util.LinkedHashSet<>(); // in declaration order, for GatewayContext
      for (int i = 0; i < routes.size(); i++) {
        RouteGroup.Declared declared = routes.get(i);
        String id = declared.builder().id;
        if (!ids.add(id)) {
          problems.add("route id '" + id + "' is used by more than one route");
          problems.addAll(declared.builder().problems.list()); // its own mistakes still count
          continue;
        }
        CompiledRoute route = assembly.compile(declared, i, problems);
        if (route != null) {
          compiled.add(route);
        }
      }
      RouteIndex index = RouteIndex.build(compiled);
      problems.addAll(index.shadowedRoutes());
      List<GatewayComponent> components = components();
      check(components, ids, problems);
      if (problems.isEmpty()) {
        if (stateFrom != null) {
          runtime.inherit(stateFrom.upstreamRuntime());
        }
        startUpstreams(runtime, problems);
      }
      if (!problems.isEmpty()) {
        runtime.close();
        throw new GatewayConfigException(problems);
      }
      Gateway gateway =
          new Gateway(
              index, forwarding, runtime, List.copyOf(global), events, time, new Builder(this));
      OutboundClient client = new RealOutboundClient(runtime.transport());
      components.forEach(c -> c.gatewayBuilt(client));
      return gateway;
    }

    /** The middleware, handlers and handler factories that take part in the build, each once. */
    private List<GatewayComponent> components() {
      Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      List<GatewayComponent> found = new ArrayList<>();
      Consumer<@Nullable Object> add =
          o -> {
            if (o instanceof GatewayComponent c && seen.add(c)) {
              found.add(c);
            }
          };
      global.forEach(add);
      for (RouteGroup.Declared declared : routes) {
        declared.inherited().forEach(add);
        declared.builder().middleware.forEach(add);
        RouteTarget target = declared.builder().target;
        if (target instanceof RouteTarget.Answer answer) {
          add.accept(answer.handler());
        } else if (target instanceof RouteTarget.AnswerWithUpstreams made) {
          add.accept(made.factory());
        }
      }
      return found;
    }

    /** Lets each component check itself; what one throws is its problem, named after it. */
    private void check(
        List<GatewayComponent> components, Set<String> routeIds, List<String> problems) {
      GatewayContext context = new GatewayContext(routeIds, upstreams.keySet(), problems);
      for (GatewayComponent c : components) {
        try {
          c.check(context);
        } catch (RuntimeException e) {
          problems.add(c + ": " + e.getMessage());
        }
      }
    }

    /**
     * Starts discoveries and health checks; a discovery that cannot start is a configuration
     * problem.
     */
    private static void startUpstreams(UpstreamRuntime runtime, List<String> problems) {
      try {
        runtime.start();
      } catch (IOException | RuntimeException e) {
        problems.add("upstream discovery failed to start: " + e.getMessage());
      }
    }

    /** Turns declared routes into compiled ones, sharing one caller per upstream. */
    private final class Assembly {
      private final Forwarding forwarding;
      private final Map<String, UpstreamCaller> callers = new HashMap<>();
      private final UpstreamRuntime runtime;
      private final GatewayListener events;
      private final TimeSource time;

      Assembly(
          Forwarding forwarding, UpstreamRuntime runtime, GatewayListener events, TimeSource time) {
        this.forwarding = forwarding;
        this.runtime = runtime;
        this.events = events;
        this.time = time;
      }

      /** One group per upstream, shared by its routes, started with the gateway. */
      private UpstreamCaller group(Upstream upstream) {
        UpstreamGroup group =
            new UpstreamGroup(
                upstream.name(),
                upstream.loadBalancing(),
                upstream.outlierDetection(),
                upstream.healthCheck(),
                upstream.circuitBreaker(),
                time,
                events);
        runtime.register(group, upstream.discovery(), upstream);
        return new UpstreamCaller(
            group,
            runtime.transport(),
            upstream.retry(),
            upstream.tryTimeout(),
            upstream.deadline(),
            time);
      }

      /** A route's single URL: a group of one, round robin, without ejection nor retries. */
      private UpstreamCaller single(String url) {
        UpstreamGroup group =
            new UpstreamGroup(
                url,
                LoadBalancing.roundRobin(),
                OutlierDetection.disabled(),
                null,
                null,
                time,
                events);
        group.update(List.of(Instance.of(url)));
        return new UpstreamCaller(group, runtime.transport(), RetryPolicy.none(), null, null, time);
      }

      @Nullable CompiledRoute compile(
          RouteGroup.Declared declared, int index, List<String> problems) {
        Route.Builder b = declared.builder();
        problems.addAll(b.problems.list());
        if (b.path == null && !b.pathGiven) {
          problems.add(
              "route '" + b.id + "' has no path: call path(...), get(...), post(...), ...");
        }
        RouteTarget routeTarget = b.target;
        if (routeTarget == null && !b.targetGiven) {
          problems.add(
              "route '"
                  + b.id
                  + "' has no target: call proxyTo(url), proxyToUpstream(name), respond(...),"
                  + " redirect(...) or handleWith(...)");
        }
        if (b.path == null || routeTarget == null || !b.problems.isEmpty()) {
          return null;
        }
        Handler target = handler(b, routeTarget, problems);
        if (target == null) {
          return null;
        }
        HostPattern host = b.host != null ? b.host : HostPattern.ANY_HOST;
        List<Middleware> chain = new ArrayList<>(global);
        chain.addAll(declared.inherited());
        chain.addAll(b.middleware);
        Route route =
            new Route(
                b.id,
                b.path,
                b.host == null ? null : b.host.toString(),
                b.methods,
                b.conditions.stream().map(Object::toString).toList(),
                chain);
        return new CompiledRoute(
            route,
            PathPattern.compile(b.path),
            host,
            Set.copyOf(b.methods),
            List.copyOf(b.conditions),
            index,
            List.copyOf(chain),
            target);
      }

      /** The handler that serves a route's target; null, with the problem added, when it cannot. */
      private @Nullable Handler handler(
          Route.Builder b, RouteTarget target, List<String> problems) {
        if (target instanceof RouteTarget.Proxy proxy) {
          ProxyHandler handler = proxy(b, proxy, problems);
          // without a WebSocket idle timeout, RealChain refuses WebSocket handshakes
          return handler == null || b.webSocketIdleTimeout == null
              ? handler
              : webSocket(b, handler, b.webSocketIdleTimeout, problems);
        }
        if (b.webSocketIdleTimeout != null) {
          problems.add(
              "route '"
                  + b.id
                  + "': webSocket() needs a proxy target, proxyTo(url) or proxyToUpstream(name)");
          return null;
        }
        if (target instanceof RouteTarget.Answer answer) {
          return answer.handler();
        }
        HandlerFactory factory = ((RouteTarget.AnswerWithUpstreams) target).factory();
        try {
          return Objects.requireNonNull(
              factory.create(upstreamsFor(b)), "the handler factory returned null");
        } catch (GatewayConfigException e) { // a factory with several problems of its own
          e.problems().forEach(p -> problems.add("route '" + b.id + "': " + p));
          return null;
        } catch (IllegalArgumentException | NullPointerException e) {
          problems.add("route '" + b.id + "': " + e.getMessage());
          return null;
        }
      }

      /** What a handler factory of route {@code b} sees: proxies to upstreams, the ticker. */
      private Upstreams upstreamsFor(Route.Builder b) {
        return new Upstreams() {
          @Override
          public Handler proxy(String upstreamName) {
            return upstreamProxy(b.id, upstreamName, null, null, false, b.rewriteRedirects);
          }

          @Override
          public Ticker ticker() {
            return time.ticker();
          }
        };
      }

      /** The proxy of a {@code webSocket()} route, which also takes WebSocket handshakes. */
      private @Nullable Handler webSocket(
          Route.Builder b, ProxyHandler proxy, Duration idleTimeout, List<String> problems) {
        if (upstreamTls != null) {
          problems.add(
              "route '"
                  + b.id
                  + "': webSocket() routes do not use upstreamTls(...) yet;"
                  + " pass an OkHttpClient with your TLS settings through httpClient(...) instead");
          return null;
        }
        return new WebSocketProxy(
            b.id, proxy, httpClient, idleTimeout, proxy.connectTimeout(), proxy.readTimeout());
      }

      private @Nullable ProxyHandler proxy(
          Route.Builder b, RouteTarget.Proxy target, List<String> problems) {
        if (target instanceof RouteTarget.ProxyToUpstream named) {
          if (!upstreams.containsKey(named.upstream())) {
            problems.add(
                "route '"
                    + b.id
                    + "' refers to unknown upstream '"
                    + named.upstream()
                    + "' (declared: "
                    + upstreams.keySet()
                    + ")");
            return null;
          }
          return upstreamProxy(
              b.id,
              named.upstream(),
              b.connectTimeout,
              b.readTimeout,
              b.preserveHost,
              b.rewriteRedirects);
        }
        Duration connect = b.connectTimeout != null ? b.connectTimeout : connectTimeout;
        Duration read = b.readTimeout != null ? b.readTimeout : readTimeout;
        return new ProxyHandler(
            b.id,
            single(((RouteTarget.ProxyToUrl) target).url()),
            forwarding,
            b.preserveHost,
            b.rewriteRedirects,
            connect,
            read);
      }

      /**
       * A proxy to a named upstream; timeouts: the route's, else the upstream's, else the
       * gateway's.
       */
      private ProxyHandler upstreamProxy(
          String routeId,
          String name,
          @Nullable Duration routeConnect,
          @Nullable Duration routeRead,
          boolean preserveHost,
          boolean rewriteRedirects) {
        Upstream upstream = upstreams.get(name);
        if (upstream == null) {
          throw new IllegalArgumentException(
              "unknown upstream '" + name + "' (declared: " + upstreams.keySet() + ")");
        }
        Duration connect = firstNonNull(routeConnect, upstream.connectTimeout(), connectTimeout);
        Duration read = firstNonNull(routeRead, upstream.readTimeout(), readTimeout);
        UpstreamCaller caller = callers.computeIfAbsent(name, n -> group(upstream));
        return new ProxyHandler(
            routeId, caller, forwarding, preserveHost, rewriteRedirects, connect, read);
      }

      private Duration firstNonNull(@Nullable Duration a, @Nullable Duration b, Duration c) {
        return a != null ? a : b != null ? b : c;
      }
    }
  }
}
