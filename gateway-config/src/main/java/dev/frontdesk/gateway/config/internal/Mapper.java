package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.AccessLog;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.RouteGroup;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.UpstreamTls;
import dev.frontdesk.gateway.aggregation.Aggregation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a file: every key onto the builders, in this order: upstreams, auth, rate limits,
 * gateway settings, the access log, global middleware, routes. Remembers where each route and
 * upstream was declared, so the builder's own problems can be put back at their place.
 */
final class Mapper {
  private static final List<String> TARGETS =
      List.of("to", "upstream", "respond", "redirect", "aggregate");

  private final Ctx ctx;
  private final JsonNode root;
  final Gateway.Builder builder = Gateway.builder();
  final Map<String, String> upstreamPaths = new LinkedHashMap<>();
  final Map<String, List<String>> routePaths = new LinkedHashMap<>();
  final AuthMapper auth;
  final RateLimitMapper rateLimits;

  /** Caches by name, typed as middleware so that this class never needs gateway-cache. */
  final Map<String, Middleware> caches = new LinkedHashMap<>();

  /**
   * What the pass built that holds resources of its own (gRPC channels), closed if the gateway
   * fails.
   */
  final List<AutoCloseable> built = new ArrayList<>();

  AdminMapper.@Nullable AdminSpec admin;
  private final MiddlewareMapper middleware;

  Mapper(Ctx ctx, JsonNode root) {
    this.ctx = ctx;
    this.root = root;
    this.auth = new AuthMapper(ctx);
    this.rateLimits = new RateLimitMapper(ctx);
    Set<String> declaredCaches = new LinkedHashSet<>();
    root.path("caches").fieldNames().forEachRemaining(declaredCaches::add);
    this.middleware = new MiddlewareMapper(ctx, auth, rateLimits, caches, declaredCaches);
  }

  void map() {
    Obj o = Obj.of(ctx, "", root, Shapes.ROOT);
    if (o == null) {
      return;
    }
    ctx.watch(builder::problems, "");
    Gateway previous = ctx.previous().gateway();
    if (previous != null) {
      builder.upstreamStateFrom(
          previous); // upstreams that read the same keep their health and circuits
    }
    for (Obj.Named n : o.named("upstreams")) {
      upstreamPaths.put(n.name(), n.path());
      Upstream upstream = new UpstreamMapper(ctx).upstream(n.name(), n.path(), n.node());
      if (upstream != null) {
        ctx.attempt(n.path(), () -> builder.upstream(upstream));
      }
    }
    Obj authObj = o.obj("auth", Shapes.AUTH);
    if (authObj != null) {
      auth.map(authObj);
    }
    Obj limits = o.obj("rateLimits", Shapes.RATE_LIMITS);
    if (limits != null) {
      rateLimits.map(limits);
    }
    if (o.has("caches") && Modules.CACHE.present(ctx, o.at("caches"))) {
      new CacheMapper(ctx).map(o, caches);
    }
    Obj gateway = o.obj("gateway", Shapes.GATEWAY);
    if (gateway != null) {
      gateway(gateway);
    }
    accessLog(o);
    observability(o);
    if (auth.identity != null) {
      // Client-sent copies of the identity headers go on every route, before anything else runs.
      builder.use(auth.identity.stripClientHeaders());
    }
    middleware.each(o, "use", builder::use);
    routes(o, builder::route, builder::group);
  }

  private void gateway(Obj o) {
    o.duration("connectTimeout", builder::connectTimeout);
    o.duration("readTimeout", builder::readTimeout);
    o.integer("maxIdleConnections", builder::maxIdleConnections);
    o.duration("idleConnectionTimeout", builder::idleConnectionTimeout);
    o.strings("trustedProxies", builder::trustedProxies);
    o.bool("forwardedHeader", builder::forwardedHeader);
    o.bool("realIpHeader", builder::realIpHeader);
    o.bool("allowUnderscoresInHeaders", builder::allowUnderscoresInHeaders);
    o.string("via", builder::via);
    o.flag("noVia", builder::noVia);
    Obj tls = o.obj("upstreamTls", Shapes.UPSTREAM_TLS);
    if (tls != null) {
      UpstreamTls.Builder b = UpstreamTls.builder();
      ctx.watch(b::problems, tls.path);
      List<String> trust = tls.strings("trustCertificates");
      if (trust != null) {
        for (String pem : trust) {
          ctx.attempt(tls.at("trustCertificates"), () -> b.trustCertificates(ctx.path(pem)));
        }
      }
      tls.bool("trustJdkDefaults", b::trustJdkDefaults);
      Obj client = tls.obj("clientCertificate", Shapes.CLIENT_CERTIFICATE);
      if (client != null) {
        String certificate = client.string("certificate");
        String key = client.string("privateKey");
        if (certificate != null && key != null) {
          ctx.attempt(client.path, () -> b.clientCertificate(ctx.path(certificate), ctx.path(key)));
        } else if (!client.has("certificate") || !client.has("privateKey")) {
          ctx.problem(
              client.path, "clientCertificate needs certificate and privateKey (PEM files)");
        }
      }
      ctx.attempt(tls.path, () -> builder.upstreamTls(b.build()));
    }
  }

  /** Metrics, tracing and the admin endpoints that serve the metrics. */
  private void observability(Obj o) {
    java.util.function.Supplier<String> scrape = null;
    if (o.has("metrics")
        && Modules.MICROMETER.present(ctx, o.at("metrics"))
        && Modules.PROMETHEUS.present(ctx, o.at("metrics"))) {
      MetricsMapper.Parts parts = new MetricsMapper(ctx).map(o);
      if (parts != null) {
        builder.listener(parts.listener());
        scrape = parts.scrape();
      }
    }
    Boolean tracing = o.bool("tracing");
    if (Boolean.TRUE.equals(tracing)
        && Modules.OPENTELEMETRY.present(ctx, o.at("tracing"))
        && ctx.live()) {
      builder.listener(TracingMapper.global());
    }
    if (o.has("admin") || scrape != null) {
      admin = new AdminMapper(ctx).map(o, upstreamPaths.keySet(), scrape);
    }
  }

  private void accessLog(Obj o) {
    JsonNode node = o.raw("accessLog");
    if (node == null) {
      return;
    }
    if (node.isBoolean()) {
      if (node.booleanValue()) {
        builder.listener(AccessLog.json());
      }
      return;
    }
    Obj log = Obj.of(ctx, o.at("accessLog"), node, Shapes.ACCESS_LOG);
    if (log == null) {
      return;
    }
    AccessLog.Builder b = AccessLog.builder();
    ctx.watch(b::problems, log.path);
    String format = log.string("format");
    if (format != null) {
      switch (format) {
        case "json" -> b.format(AccessLog.Format.JSON);
        case "key-value" -> b.format(AccessLog.Format.KEY_VALUE);
        default ->
            ctx.problem(log.at("format"), "expected json or key-value, got '" + format + "'");
      }
    }
    log.strings("secretParameters", names -> b.secretParameters(Set.of(names)));
    log.string("logger", b::logger);
    ctx.attempt(log.path, () -> builder.listener(b.build()));
  }

  /** Routes and groups of {@code o.routes}, declared through the given gateway or group methods. */
  private void routes(Obj o, RouteSink routes, GroupSink groups) {
    for (Obj.Located item : o.list("routes")) {
      if (item.node().isObject() && item.node().has("group")) {
        group(item, groups);
      } else if (item.node().isObject() && item.node().has("grpc")) {
        grpc(item, groups);
      } else {
        route(item, routes);
      }
    }
  }

  private void group(Obj.Located item, GroupSink groups) {
    Obj g = Obj.of(ctx, item.path(), item.node(), Shapes.GROUP);
    if (g == null) {
      return;
    }
    String prefix = g.string("group");
    if (prefix == null) {
      return;
    }
    ctx.attempt(
        g.at("group"),
        () ->
            groups.group(
                prefix,
                group -> {
                  middleware.each(g, "use", group::use);
                  routes(g, group::route, group::group);
                }));
  }

  /** {@code {grpc: {prefix, descriptorSet, target, ...}}}: a method's routes under the prefix. */
  private void grpc(Obj.Located item, GroupSink groups) {
    Obj entry = Obj.of(ctx, item.path(), item.node(), Shapes.GRPC_ENTRY);
    Obj g = entry == null ? null : entry.obj("grpc", Shapes.GRPC);
    if (entry == null || g == null || !Modules.GRPC.present(ctx, entry.at("grpc"))) {
      return;
    }
    String prefix = g.string("prefix");
    Consumer<RouteGroup> routes = new GrpcMapper(ctx).routes(g, built);
    if (!g.has("prefix")) {
      ctx.problem(g.path, "a grpc entry needs a prefix for its routes, such as /grpc");
    }
    if (prefix != null && routes != null) {
      ctx.attempt(g.at("prefix"), () -> groups.group(prefix, routes));
    }
  }

  private void route(Obj.Located item, RouteSink routes) {
    Obj r = Obj.of(ctx, item.path(), item.node(), Shapes.ROUTE);
    if (r == null) {
      return;
    }
    String id = r.string("id");
    if (id == null) {
      if (!r.has("id")) {
        ctx.problem(item.path(), "a route needs an id");
      }
      return;
    }
    routePaths.computeIfAbsent(id, k -> new ArrayList<>()).add(item.path());
    if (!r.has("path") && !r.hadUnknownKeys()) {
      ctx.problem(item.path(), "route '" + id + "' needs a path");
    }
    List<String> targets = TARGETS.stream().filter(r::has).toList();
    if (targets.isEmpty() && !r.hadUnknownKeys()) {
      ctx.problem(
          item.path(), "route '" + id + "' needs a target: one of " + String.join(", ", TARGETS));
    } else if (targets.size() > 1) {
      ctx.problem(
          r.at(targets.get(1)),
          "route '" + id + "' has exactly one target, got " + String.join(" and ", targets));
    }
    ctx.attempt(
        r.at("id"),
        () -> routes.route(id, b -> routeBody(r, b, targets.size() == 1 ? targets.get(0) : null)));
  }

  private void routeBody(Obj r, Route.Builder b, @Nullable String target) {
    ctx.watch(b::problems, r.path);
    r.strings("methods", b::methods);
    r.string("path", b::path);
    r.string("host", b::host);
    conditions(r, "headers", b::header, b::header, b::headerMatches);
    conditions(r, "queries", b::query, b::query, b::queryMatches);
    middleware.each(r, "use", b::use);
    if (target != null) {
      target(r, b, target);
    }
    r.duration("connectTimeout", b::connectTimeout);
    r.duration("readTimeout", b::readTimeout);
    r.flag("preserveHost", b::preserveHost);
    r.bool("rewriteRedirects", b::rewriteRedirects);
    webSocket(r, b);
  }

  /** {@code webSocket: true} (idle timeout 5 min) or {@code webSocket: 2m} (that idle timeout). */
  private void webSocket(Obj r, Route.Builder b) {
    com.fasterxml.jackson.databind.JsonNode v = r.raw("webSocket");
    if (v == null) {
      return;
    }
    if (v.isBoolean()) {
      if (v.booleanValue()) {
        ctx.attempt(r.at("webSocket"), b::webSocket);
      }
      return;
    }
    java.time.Duration idle = r.duration("webSocket");
    if (idle != null) {
      ctx.attempt(r.at("webSocket"), () -> b.webSocket(idle));
    }
  }

  private void target(Obj r, Route.Builder b, String target) {
    switch (target) {
      case "to" -> r.string("to", b::proxyTo);
      case "upstream" -> {
        String name = r.string("upstream");
        if (name != null && !upstreamPaths.containsKey(name)) {
          ctx.problem(
              r.at("upstream"),
              "unknown upstream '"
                  + name
                  + "' (declared: "
                  + (upstreamPaths.isEmpty() ? "none" : String.join(", ", upstreamPaths.keySet()))
                  + ")");
        } else if (name != null) {
          ctx.attempt(r.at("upstream"), () -> b.proxyToUpstream(name));
        }
      }
      case "respond" -> respond(r, b);
      case "redirect" -> {
        Obj o = r.obj("redirect", Shapes.REDIRECT);
        Integer status = o == null ? null : o.has("status") ? o.integer("status") : (Integer) 302;
        String location = o == null ? null : o.string("location");
        if (o != null && !o.has("location")) {
          ctx.problem(o.path, "a redirect needs a location");
        } else if (o != null && status != null && location != null) {
          ctx.attempt(o.path, () -> b.redirect(status, location));
        }
      }
      default -> {
        Obj o = r.obj("aggregate", Shapes.AGGREGATE);
        Aggregation aggregation =
            o == null ? null : new AggregationMapper(ctx, upstreamPaths.keySet()).aggregation(o);
        if (aggregation != null) {
          ctx.attempt(r.at("aggregate"), () -> b.handleWithUpstreams(aggregation));
        }
      }
    }
  }

  private void respond(Obj r, Route.Builder b) {
    JsonNode node = r.raw("respond");
    if (node != null && node.isIntegralNumber()) {
      r.integer("respond", b::respond);
      return;
    }
    Obj o = r.obj("respond", Shapes.RESPOND);
    if (o == null) {
      return;
    }
    Integer status = o.has("status") ? o.integer("status") : (Integer) 200;
    String contentType = o.string("contentType");
    String body = o.has("body") ? o.string("body") : "";
    if (status != null && body != null && (o.has("body") || o.has("contentType"))) {
      ctx.attempt(o.path, () -> b.respond(status, contentType, body));
    } else if (status != null && body != null) {
      ctx.attempt(o.path, () -> b.respond(status));
    }
  }

  private void conditions(
      Obj r, String key, Consumer<String> present, Condition equal, Condition matching) {
    for (Obj.Located item : r.list(key)) {
      Obj c = Obj.of(ctx, item.path(), item.node(), Shapes.CONDITION);
      if (c == null) {
        continue;
      }
      String name = c.string("name");
      String value = c.string("value");
      String regex = c.string("matches");
      if (!c.has("name")) {
        ctx.problem(item.path(), "a condition needs a name");
      } else if (c.has("value") && c.has("matches")) {
        ctx.problem(c.at("matches"), "a condition has a value or matches, not both");
      } else if (name != null && value != null) {
        ctx.attempt(item.path(), () -> equal.accept(name, value));
      } else if (name != null && regex != null) {
        ctx.attempt(c.at("matches"), () -> matching.accept(name, regex));
      } else if (name != null && !c.has("value") && !c.has("matches")) {
        ctx.attempt(item.path(), () -> present.accept(name));
      }
    }
  }

  @FunctionalInterface
  private interface Condition {
    void accept(String name, String value);
  }

  @FunctionalInterface
  private interface RouteSink {
    void route(String id, Consumer<Route.Builder> spec);
  }

  @FunctionalInterface
  private interface GroupSink {
    void group(String prefix, Consumer<RouteGroup> spec);
  }

  static Set<String> names(Map<String, ?> map) {
    return new LinkedHashSet<>(map.keySet());
  }
}
