package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.CompiledRoute;
import dev.frontdesk.gateway.internal.Forwarding;
import dev.frontdesk.gateway.internal.HostPattern;
import dev.frontdesk.gateway.internal.Listeners;
import dev.frontdesk.gateway.internal.PathPattern;
import dev.frontdesk.gateway.internal.ProxyHandler;
import dev.frontdesk.gateway.internal.WebSocketProxy;
import dev.frontdesk.gateway.internal.RouteIndex;
import dev.frontdesk.gateway.internal.TrustedProxies;
import dev.frontdesk.gateway.internal.http.Http1Transport;
import dev.frontdesk.gateway.internal.http.OkHttpTransport;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import dev.frontdesk.gateway.internal.upstream.UpstreamCaller;
import dev.frontdesk.gateway.internal.upstream.UpstreamGroup;
import dev.frontdesk.gateway.internal.upstream.UpstreamRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Gateway}. Each setter checks its argument at once; {@link #build()} checks the
 * whole (duplicate route ids, routes without targets, unknown upstreams, routes another route
 * shadows) and reports every problem in one {@link GatewayConfigException}.
 */
public final class GatewayBuilder {
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
  private @Nullable UpstreamTls upstreamTls; // null: the JDK's default trust, no client certificate
  private final List<GatewayListener> listeners = new ArrayList<>();

  private final List<Middleware> global = new ArrayList<>();
  private final List<RouteGroup.Declared> routes = new ArrayList<>();
  private final RouteGroup root = new RouteGroup("", List.of(), routes);
  private final Map<String, Upstream> upstreams = new LinkedHashMap<>();

  GatewayBuilder() {}

  /**
   * Adds global middleware: it runs for every route, before group and route middleware, including
   * routes declared before this call (global middleware is applied at {@link #build()}).
   */
  public GatewayBuilder use(Middleware... middleware) {
    for (Middleware m : middleware) {
      global.add(Objects.requireNonNull(m, "middleware"));
    }
    return this;
  }

  /** Declares a route. */
  public GatewayBuilder route(String id, Consumer<Route.Builder> spec) {
    root.route(id, spec);
    return this;
  }

  /** Declares routes that share a path prefix and middleware. */
  public GatewayBuilder group(String prefix, Consumer<RouteGroup> spec) {
    root.group(prefix, spec);
    return this;
  }

  /** Declares a named upstream for {@link Route.Builder#proxyToUpstream(String)}. */
  public GatewayBuilder upstream(Upstream upstream) {
    Objects.requireNonNull(upstream, "upstream");
    if (upstreams.putIfAbsent(upstream.name(), upstream) != null) {
      throw new IllegalArgumentException("upstream '" + upstream.name() + "' is declared twice");
    }
    return this;
  }

  /** Default time to connect to an upstream (5 s). */
  public GatewayBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = Durations.positive(timeout, "connectTimeout");
    return this;
  }

  /** Default time an upstream may stay silent before the client gets 504 (30 s). */
  public GatewayBuilder readTimeout(Duration timeout) {
    this.readTimeout = Durations.positive(timeout, "readTimeout");
    return this;
  }

  /**
   * Idle upstream connections kept for reuse (256), across all upstreams. Size it to the
   * concurrency you expect: reconnecting costs more than anything else on the proxy path.
   */
  public GatewayBuilder maxIdleConnections(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("maxIdleConnections must not be negative: " + count);
    }
    this.maxIdleConnections = count;
    return this;
  }

  /** How long an idle upstream connection is kept (1 min). */
  public GatewayBuilder idleConnectionTimeout(Duration timeout) {
    this.idleConnectionTimeout = Durations.positive(timeout, "idleConnectionTimeout");
    return this;
  }

  /**
   * Peers whose {@code X-Forwarded-*}, {@code Forwarded} and {@code X-Request-Id} headers are
   * believed: addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}). From anybody else those
   * headers are replaced. Default: none.
   */
  public GatewayBuilder trustedProxies(String... cidrs) {
    List<String> list = List.of(cidrs);
    dev.frontdesk.gateway.internal.TrustedProxies.of(list); // validate now
    this.trustedProxies = list;
    return this;
  }

  /** Also sends the RFC 7239 {@code Forwarded} header upstream (off by default). */
  public GatewayBuilder forwardedHeader(boolean enabled) {
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
  public GatewayBuilder realIpHeader(boolean enabled) {
    this.realIpHeader = enabled;
    return this;
  }

  /**
   * The pseudonym in the {@code Via} entry the gateway adds to every forwarded request and to every
   * upstream response (RFC 9110 §7.6.3), after any entries already there: {@code Via: 1.1
   * frontdesk} for an HTTP/1.1 client, {@code 2 frontdesk} for HTTP/2. Default {@code frontdesk}:
   * no product version is revealed. It must be a token, such as {@code edge-eu1}.
   */
  public GatewayBuilder via(String pseudonym) {
    Objects.requireNonNull(pseudonym, "pseudonym");
    if (pseudonym.isEmpty() || !pseudonym.chars().allMatch(GatewayBuilder::isTokenChar)) {
      throw new IllegalArgumentException("via pseudonym must be a token (letters, digits and !#$%&'*+-.^_`|~): '"
          + pseudonym + "'");
    }
    this.via = pseudonym;
    return this;
  }

  /** Adds no {@code Via} entries: requests and responses pass with the ones they have. */
  public GatewayBuilder noVia() {
    this.via = null;
    return this;
  }

  /** RFC 9110 §5.6.2 tchar. */
  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /**
   * Lets request headers whose names contain {@code _} through (off by default). Off, they are
   * removed as the request enters the gateway, before any middleware, as NGINX does by default
   * ({@code underscores_in_headers off}): CGI, WSGI and Rack backends read {@code X_User_Id} and
   * {@code X-User-Id} as the same variable, so an underscored name could pass for an identity
   * header the gateway sets.
   */
  public GatewayBuilder allowUnderscoresInHeaders(boolean allowed) {
    this.allowUnderscoresInHeaders = allowed;
    return this;
  }

  /**
   * Uses your OkHttp client for upstream calls instead of the gateway's own HTTP/1.1 client (for
   * your TLS settings, proxies, event listeners, HTTP/2). The gateway derives per-route variants
   * with {@code newBuilder()} and does not close it. Whatever the client's own settings, the
   * gateway's variants never follow redirects nor retry on their own: a proxy returns redirects to
   * its client and must not replay requests silently. {@link #maxIdleConnections} and {@link
   * #idleConnectionTimeout} then do not apply: the client's own pool does, and {@link #upstreamTls}
   * may not be set: the client's own TLS settings do.
   */
  public GatewayBuilder httpClient(OkHttpClient client) {
    this.httpClient = Objects.requireNonNull(client, "client");
    return this;
  }

  /**
   * TLS for {@code https://} upstreams: the certificate authorities to trust and the client
   * certificate for mutual TLS (default: the JDK's trust, no client certificate). It applies to
   * every upstream call, health checks included. Not with {@link #httpClient}: configure TLS on
   * your OkHttp client instead.
   */
  public GatewayBuilder upstreamTls(UpstreamTls tls) {
    this.upstreamTls = Objects.requireNonNull(tls, "tls");
    return this;
  }

  /**
   * Adds a listener for what the gateway does: requests, upstream attempts, retries, ejections,
   * circuit changes. Listeners are called in the order added; see {@link GatewayListener}.
   */
  public GatewayBuilder listener(GatewayListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Checks the whole configuration and builds the gateway. */
  public Gateway build() {
    List<String> problems = new ArrayList<>();
    if (httpClient != null && upstreamTls != null) {
      problems.add("upstreamTls(...) and httpClient(...) are both set: the gateway's own client, which upstreamTls"
          + " configures, is not used with your OkHttpClient; set TLS on that client (sslSocketFactory) instead");
    }
    UpstreamTransport transport = httpClient != null
        ? new OkHttpTransport(httpClient)
        : upstreamTls != null
            ? new Http1Transport(maxIdleConnections, idleConnectionTimeout, upstreamTls.socketFactory())
            : new Http1Transport(maxIdleConnections, idleConnectionTimeout);
    Forwarding forwarding = new Forwarding(TrustedProxies.of(trustedProxies), forwardedHeader, realIpHeader, via,
        allowUnderscoresInHeaders);
    UpstreamRuntime runtime = new UpstreamRuntime(transport);
    GatewayListener events = Listeners.of(listeners);
    Assembly assembly = new Assembly(forwarding, runtime, events);
    List<CompiledRoute> compiled = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < routes.size(); i++) {
      RouteGroup.Declared declared = routes.get(i);
      String id = declared.builder().id;
      if (!ids.add(id)) {
        problems.add("route id '" + id + "' is used by more than one route");
        continue;
      }
      CompiledRoute route = assembly.compile(declared, i, problems);
      if (route != null) {
        compiled.add(route);
      }
    }
    RouteIndex index = RouteIndex.build(compiled);
    problems.addAll(index.shadowedRoutes());
    if (problems.isEmpty()) {
      startUpstreams(runtime, problems);
    }
    if (!problems.isEmpty()) {
      runtime.close();
      throw new GatewayConfigException(problems);
    }
    return new Gateway(index, forwarding, runtime, List.copyOf(global), events);
  }

  /** Starts discoveries and health checks; a discovery that cannot start is a configuration problem. */
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

    Assembly(Forwarding forwarding, UpstreamRuntime runtime, GatewayListener events) {
      this.forwarding = forwarding;
      this.runtime = runtime;
      this.events = events;
    }

    /** One group per upstream, shared by its routes, started with the gateway. */
    private UpstreamCaller group(Upstream upstream) {
      UpstreamGroup group = new UpstreamGroup(upstream.name(), upstream.loadBalancing(),
          upstream.outlierDetection(), upstream.healthCheck(), upstream.circuitBreaker(), upstream.clock(), events);
      runtime.register(group, upstream.discovery());
      return new UpstreamCaller(group, runtime.transport(), upstream.retry(), upstream.tryTimeout(), upstream.deadline());
    }

    /** A route's single URL: a group of one, round robin, without ejection nor retries. */
    private UpstreamCaller single(String url) {
      UpstreamGroup group = new UpstreamGroup(url, LoadBalancing.roundRobin(), OutlierDetection.disabled(),
          null, null, java.time.Clock.systemUTC(), events);
      group.update(List.of(Instance.of(url)));
      return new UpstreamCaller(group, runtime.transport(), RetryPolicy.none(), null, null);
    }

    @Nullable CompiledRoute compile(RouteGroup.Declared declared, int index, List<String> problems) {
      Route.Builder b = declared.builder();
      if (b.path == null) {
        problems.add("route '" + b.id + "' has no path: call path(...), get(...), post(...), ...");
        return null;
      }
      RouteTarget routeTarget = b.target;
      if (routeTarget == null) {
        problems.add("route '" + b.id + "' has no target: call proxyTo(url), proxyToUpstream(name), respond(...),"
            + " redirect(...) or handleWith(...)");
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
      Route route = new Route(b.id, b.path, b.host == null ? null : b.host.toString(), b.methods,
          b.conditions.stream().map(Object::toString).toList(), chain);
      return new CompiledRoute(route, PathPattern.compile(b.path), host, Set.copyOf(b.methods),
          List.copyOf(b.conditions), index, List.copyOf(chain), target);
    }

    /** The handler that serves a route's target; null, with the problem added, when it cannot. */
    private @Nullable Handler handler(Route.Builder b, RouteTarget target, List<String> problems) {
      if (target instanceof RouteTarget.Proxy proxy) {
        ProxyHandler handler = proxy(b, proxy, problems);
        // without a WebSocket idle timeout, RealChain refuses WebSocket handshakes
        return handler == null || b.webSocketIdleTimeout == null ? handler
            : webSocket(b, handler, b.webSocketIdleTimeout, problems);
      }
      if (b.webSocketIdleTimeout != null) {
        problems.add("route '" + b.id + "': webSocket() needs a proxy target, proxyTo(url) or proxyToUpstream(name)");
        return null;
      }
      if (target instanceof RouteTarget.Answer answer) {
        return answer.handler();
      }
      HandlerFactory factory = ((RouteTarget.AnswerWithUpstreams) target).factory();
      try {
        return Objects.requireNonNull(factory.create(name -> upstreamProxy(b.id, name, null, null, false, b.rewriteRedirects)),
            "the handler factory returned null");
      } catch (IllegalArgumentException | NullPointerException e) {
        problems.add("route '" + b.id + "': " + e.getMessage());
        return null;
      }
    }

    /** The proxy of a {@code webSocket()} route, which also takes WebSocket handshakes. */
    private @Nullable Handler webSocket(Route.Builder b, ProxyHandler proxy, Duration idleTimeout, List<String> problems) {
      if (upstreamTls != null) {
        problems.add("route '" + b.id + "': webSocket() routes do not use upstreamTls(...) yet;"
            + " pass an OkHttpClient with your TLS settings through httpClient(...) instead");
        return null;
      }
      return new WebSocketProxy(b.id, proxy, httpClient, idleTimeout, proxy.connectTimeout(), proxy.readTimeout());
    }

    private @Nullable ProxyHandler proxy(Route.Builder b, RouteTarget.Proxy target, List<String> problems) {
      if (target instanceof RouteTarget.ProxyToUpstream named) {
        if (!upstreams.containsKey(named.upstream())) {
          problems.add("route '" + b.id + "' refers to unknown upstream '" + named.upstream() + "' (declared: "
              + upstreams.keySet() + ")");
          return null;
        }
        return upstreamProxy(b.id, named.upstream(), b.connectTimeout, b.readTimeout, b.preserveHost, b.rewriteRedirects);
      }
      Duration connect = b.connectTimeout != null ? b.connectTimeout : connectTimeout;
      Duration read = b.readTimeout != null ? b.readTimeout : readTimeout;
      return new ProxyHandler(b.id, single(((RouteTarget.ProxyToUrl) target).url()), forwarding, b.preserveHost,
          b.rewriteRedirects, connect, read);
    }

    /** A proxy to a named upstream; timeouts: the route's, else the upstream's, else the gateway's. */
    private ProxyHandler upstreamProxy(String routeId, String name, @Nullable Duration routeConnect,
        @Nullable Duration routeRead, boolean preserveHost, boolean rewriteRedirects) {
      Upstream upstream = upstreams.get(name);
      if (upstream == null) {
        throw new IllegalArgumentException("unknown upstream '" + name + "' (declared: " + upstreams.keySet() + ")");
      }
      Duration connect = firstNonNull(routeConnect, upstream.connectTimeout(), connectTimeout);
      Duration read = firstNonNull(routeRead, upstream.readTimeout(), readTimeout);
      UpstreamCaller caller = callers.computeIfAbsent(name, n -> group(upstream));
      return new ProxyHandler(routeId, caller, forwarding, preserveHost, rewriteRedirects, connect, read);
    }

    private Duration firstNonNull(@Nullable Duration a, @Nullable Duration b, Duration c) {
      return a != null ? a : b != null ? b : c;
    }
  }
}
