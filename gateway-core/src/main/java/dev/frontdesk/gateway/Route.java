package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.Condition;
import dev.frontdesk.gateway.internal.Condition.Source;
import dev.frontdesk.gateway.internal.HostPattern;
import dev.frontdesk.gateway.internal.PathPattern;
import dev.frontdesk.gateway.internal.StaticHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One route: the conditions a request must meet (path pattern, host, methods, headers, query), the
 * middleware it runs through, and its target. Routes are declared inside {@link
 * Gateway.Builder#route} and are immutable once the gateway is built.
 *
 * <p><b>Path patterns</b>: literal segments, {@code {name}} captures one segment, {@code *} matches
 * one segment without capturing, and a final {@code **} matches zero or more segments. A trailing
 * slash in the request is ignored for matching (and kept when forwarding).
 *
 * <p><b>Precedence</b>: the most specific route wins, whatever the declaration order: exact host
 * before {@code *.suffix} before any host; then, segment by segment, literal before variable before
 * {@code **}; then routes naming fewer methods; then routes with more header/query conditions; only
 * then the route declared first. A route that can never win is a build error.
 */
public final class Route {
  private final String id;
  private final String path;
  private final @Nullable String host;
  private final Set<String> methods;
  private final List<String> conditions;
  private final List<Middleware> middleware;

  Route(
      String id,
      String path,
      @Nullable String host,
      Set<String> methods,
      List<String> conditions,
      List<Middleware> middleware) {
    this.id = id;
    this.path = path;
    this.host = host;
    this.methods = Set.copyOf(methods);
    this.conditions = List.copyOf(conditions);
    this.middleware = List.copyOf(middleware);
  }

  public String id() {
    return id;
  }

  /** The full path pattern, group prefixes included. */
  public String path() {
    return path;
  }

  /** The host pattern, or null for any host. */
  public @Nullable String host() {
    return host;
  }

  /** The methods the route accepts; empty means any. */
  public Set<String> methods() {
    return methods;
  }

  /** Header and query conditions, described for humans. */
  public List<String> conditions() {
    return conditions;
  }

  /** The whole chain before the target: global, group and route middleware, outermost first. */
  public List<Middleware> middleware() {
    return middleware;
  }

  @Override
  public String toString() {
    return "Route{"
        + id
        + ": "
        + (methods.isEmpty() ? "*" : String.join(",", new java.util.TreeSet<>(methods)))
        + " "
        + (host == null ? "" : host)
        + path
        + (conditions.isEmpty() ? "" : " " + conditions)
        + "}";
  }

  /**
   * Declares a route. A setter given a bad value (a path pattern that does not parse, a status out
   * of range, a zero timeout) records the mistake, naming this route, and leaves the option as it
   * was; {@link Gateway.Builder#build()} then reports it with what is missing or conflicting across
   * routes, all problems at once. A null argument is a programming error: it throws {@link
   * NullPointerException} at once.
   *
   * <pre>{@code
   * .route("orders", r -> r.get("/orders/{id}").host("api.example.com")
   *     .use(Middlewares.stripPrefix(1)).proxyToUpstream("orders"))
   * }</pre>
   */
  public static final class Builder {
    /** How long a WebSocket may carry no frame in either direction before the gateway closes it. */
    public static final Duration DEFAULT_WEBSOCKET_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    final String id;
    final String prefix;
    @Nullable String path;
    @Nullable HostPattern host;
    final Set<String> methods = new LinkedHashSet<>();
    final List<Condition> conditions = new ArrayList<>();
    final List<Middleware> middleware = new ArrayList<>();
    @Nullable RouteTarget target;
    @Nullable Duration connectTimeout;
    @Nullable Duration readTimeout;
    boolean preserveHost;
    boolean rewriteRedirects = true;
    @Nullable Duration webSocketIdleTimeout; // null: WebSocket upgrades are refused
    // set by the first call of path(...) or a target verb, even one whose value was refused, so
    // that build() does not also call the option missing
    boolean pathGiven;
    boolean targetGiven;
    final BuilderProblems problems;

    Builder(String id, String prefix) {
      this.id = id;
      this.prefix = prefix;
      this.problems = new BuilderProblems("route '" + id + "': ");
    }

    /**
     * The mistakes recorded so far, each naming this route; {@link Gateway.Builder#build()} reports
     * them. For tools that point at their own input, such as a configuration file's keys.
     */
    public List<String> problems() {
      return problems.list();
    }

    /** The path pattern, after any group prefix; see {@link Route} for the syntax. */
    public Builder path(String pattern) {
      Objects.requireNonNull(pattern, "pattern");
      pathGiven = true;
      String full = prefix.isEmpty() ? pattern : prefix + (pattern.equals("/") ? "" : pattern);
      problems.check(
          () -> {
            PathPattern.compile(full);
            this.path = full;
          });
      return this;
    }

    /** Restricts the route to these methods (GET also admits HEAD). */
    public Builder methods(String... methods) {
      for (String m : methods) {
        Objects.requireNonNull(m, "method");
        if (m.isEmpty() || !m.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
          problems.add("method must be a token: '" + m + "'");
        } else {
          this.methods.add(m.toUpperCase(Locale.ROOT));
        }
      }
      return this;
    }

    public Builder get(String pattern) {
      return methods("GET").path(pattern);
    }

    public Builder post(String pattern) {
      return methods("POST").path(pattern);
    }

    public Builder put(String pattern) {
      return methods("PUT").path(pattern);
    }

    public Builder patch(String pattern) {
      return methods("PATCH").path(pattern);
    }

    public Builder delete(String pattern) {
      return methods("DELETE").path(pattern);
    }

    /**
     * Only requests for this host: {@code api.example.com}, or {@code *.example.com} for its
     * subdomains.
     */
    public Builder host(String pattern) {
      Objects.requireNonNull(pattern, "pattern");
      problems.check(() -> this.host = HostPattern.parse(pattern));
      return this;
    }

    /** Only requests that carry this header. */
    public Builder header(String name) {
      return condition(Condition.present(Source.HEADER, name));
    }

    /** Only requests where a value of this header equals {@code value}. */
    public Builder header(String name, String value) {
      return condition(
          Condition.equalTo(Source.HEADER, name, Objects.requireNonNull(value, "value")));
    }

    /** Only requests where a value of this header matches the regular expression, whole. */
    public Builder headerMatches(String name, String regex) {
      return matching(Source.HEADER, name, regex);
    }

    /** Only requests with this query parameter. */
    public Builder query(String name) {
      return condition(Condition.present(Source.QUERY, name));
    }

    /** Only requests where a value of this (decoded) query parameter equals {@code value}. */
    public Builder query(String name, String value) {
      return condition(
          Condition.equalTo(Source.QUERY, name, Objects.requireNonNull(value, "value")));
    }

    public Builder queryMatches(String name, String regex) {
      return matching(Source.QUERY, name, regex);
    }

    /** Adds middleware that runs for this route only, after global and group middleware. */
    public Builder use(Middleware... middleware) {
      for (Middleware m : middleware) {
        this.middleware.add(Objects.requireNonNull(m, "middleware"));
      }
      return this;
    }

    /** Proxies to one URL; its path, if any, is put before the request path. */
    public Builder proxyTo(String url) {
      Objects.requireNonNull(url, "url");
      return target(
          () -> {
            dev.frontdesk.gateway.internal.http.Origin.parse(url);
            return new RouteTarget.ProxyToUrl(url);
          });
    }

    /** Proxies to a named {@link Upstream} declared on the gateway. */
    public Builder proxyToUpstream(String name) {
      Objects.requireNonNull(name, "name");
      return target(() -> new RouteTarget.ProxyToUpstream(name));
    }

    /** Answers with a fixed status and no body. */
    public Builder respond(int status) {
      return respond(status, null, "");
    }

    /** Answers with a fixed status, content type and body. */
    public Builder respond(int status, @Nullable String contentType, String body) {
      Objects.requireNonNull(body, "body");
      return target(
          () -> {
            Response.builder().status(status);
            return new RouteTarget.Answer(
                StaticHandlers.fixed(status, contentType, body), "respond(" + status + ")");
          });
    }

    /** Answers with a redirect (301, 302, 303, 307 or 308) to {@code location}. */
    public Builder redirect(int status, String location) {
      Objects.requireNonNull(location, "location");
      return target(
          () -> {
            if (!REDIRECTS.contains(status)) {
              throw new IllegalArgumentException(
                  "redirect status must be 301, 302, 303, 307 or 308: " + status);
            }
            return new RouteTarget.Answer(
                StaticHandlers.redirect(status, location), "redirect(" + status + ")");
          });
    }

    /** Answers with a handler of your own. */
    public Builder handleWith(Handler handler) {
      Objects.requireNonNull(handler, "handler");
      return target(() -> new RouteTarget.Answer(handler, "handleWith(" + handler + ")"));
    }

    /**
     * Answers with a handler made once the gateway's upstreams exist, for targets that call
     * upstreams themselves (the aggregation module's).
     */
    public Builder handleWithUpstreams(HandlerFactory factory) {
      Objects.requireNonNull(factory, "factory");
      return target(() -> new RouteTarget.AnswerWithUpstreams(factory));
    }

    /** How long to wait for a TCP connection to the upstream (overrides the upstream's). */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "connectTimeout");
      problems.check(() -> this.connectTimeout = Durations.positive(timeout, "connectTimeout"));
      return this;
    }

    /** How long the upstream may stay silent while we wait for or read its response. */
    public Builder readTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "readTimeout");
      problems.check(() -> this.readTimeout = Durations.positive(timeout, "readTimeout"));
      return this;
    }

    /** Sends the client's {@code Host} header upstream instead of the upstream's own host. */
    public Builder preserveHost() {
      this.preserveHost = true;
      return this;
    }

    /**
     * Whether an upstream's absolute {@code Location} and {@code Content-Location} that point at
     * the upstream instance itself are rewritten to the address the client used, with the path
     * prefix the route removed or rewrote put back, as NGINX's {@code proxy_redirect default} does
     * (on by default). Relative references and other hosts' URLs are never changed. Turn it off
     * only when clients are meant to reach the upstream's own address directly.
     */
    public Builder rewriteRedirects(boolean enabled) {
      this.rewriteRedirects = enabled;
      return this;
    }

    /**
     * Lets this proxy route ({@link #proxyTo} or {@link #proxyToUpstream}) also accept WebSocket
     * handshakes and relay the WebSocket both ways, closing it after {@link
     * #DEFAULT_WEBSOCKET_IDLE_TIMEOUT} without a frame in either direction. Other requests on the
     * route are proxied as usual. The whole chain runs on the handshake, so authentication and rate
     * limits decide whether it is accepted. A route without this answers a WebSocket handshake with
     * 400: it is never forwarded as a plain request.
     *
     * <pre>{@code
     * .route("chat", r -> r.get("/chat").use(auth).webSocket().proxyTo("http://chat:8080"))
     * }</pre>
     */
    public Builder webSocket() {
      return webSocket(DEFAULT_WEBSOCKET_IDLE_TIMEOUT);
    }

    /**
     * As {@link #webSocket()}, closing a WebSocket (1001 to both sides) after {@code idleTimeout}
     * without a frame.
     */
    public Builder webSocket(Duration idleTimeout) {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      problems.check(
          () -> this.webSocketIdleTimeout = Durations.positive(idleTimeout, "idleTimeout"));
      return this;
    }

    private Builder condition(Condition condition) {
      Objects.requireNonNull(condition.name(), "name");
      if (condition.name().isEmpty()) {
        problems.add("header/query name is empty");
      } else {
        conditions.add(condition);
      }
      return this;
    }

    private Builder matching(Source source, String name, String regex) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(regex, "regex");
      Condition condition;
      try {
        condition = Condition.matching(source, name, regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        problems.add("invalid regular expression '" + regex + "': " + e.getDescription());
        return this;
      }
      return condition(condition);
    }

    /**
     * A route has one target: the verbs that set it replace each other, the last call wins. A
     * refused one is recorded and leaves the target as it was.
     */
    private Builder target(java.util.function.Supplier<RouteTarget> target) {
      targetGiven = true;
      problems.check(() -> this.target = target.get());
      return this;
    }
  }
}
