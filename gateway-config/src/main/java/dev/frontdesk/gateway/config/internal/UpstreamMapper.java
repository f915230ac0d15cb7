package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.CircuitBreakerPolicy;
import dev.frontdesk.gateway.HealthCheck;
import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.OutlierDetection;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.ServiceDiscovery;
import dev.frontdesk.gateway.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code upstreams:} onto {@link Upstream.Builder} and the policies it takes. */
final class UpstreamMapper {
  private final Ctx ctx;

  UpstreamMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  /** The upstream, or null when something about it is wrong (reported). */
  @Nullable Upstream upstream(String name, String path, JsonNode node) {
    Obj o = Obj.of(ctx, path, node, Shapes.UPSTREAM);
    if (o == null) {
      return null;
    }
    Upstream.Builder[] holder = new Upstream.Builder[1];
    if (!ctx.attempt(path, () -> holder[0] = Upstream.builder(name))) {
      return null;
    }
    Upstream.Builder b = holder[0];
    ctx.watch(b::problems, path);
    for (Obj.Located item : o.list("instances")) {
      Instance instance = instance(item.path(), item.node());
      if (instance != null) {
        if (item.node().isTextual()) {
          ctx.attempt(item.path(), () -> b.instance(instance.url()));
        } else {
          ctx.attempt(item.path(), () -> b.instance(instance));
        }
      }
    }
    Obj discovery = o.obj("discovery", Shapes.DISCOVERY);
    if (discovery != null) {
      ServiceDiscovery d = discovery(discovery);
      if (d != null) {
        ctx.attempt(o.at("discovery"), () -> b.discovery(d));
      }
    }
    if (o.has("loadBalancing")) {
      LoadBalancing lb = loadBalancing(o.at("loadBalancing"), o.raw("loadBalancing"));
      if (lb != null) {
        b.loadBalancing(lb);
      }
    }
    Obj health = o.obj("healthCheck", Shapes.HEALTH_CHECK);
    if (health != null) {
      HealthCheck check = healthCheck(health);
      if (check != null) {
        b.healthCheck(check);
      }
    }
    retry(o, b);
    outlier(o, b);
    Obj circuit = o.obj("circuitBreaker", Shapes.CIRCUIT);
    if (circuit != null) {
      CircuitBreakerPolicy policy = circuitBreaker(circuit);
      if (policy != null) {
        b.circuitBreaker(policy);
      }
    }
    o.duration("tryTimeout", b::tryTimeout);
    o.duration("deadline", b::deadline);
    o.duration("connectTimeout", b::connectTimeout);
    o.duration("readTimeout", b::readTimeout);
    if (o.broken()) {
      return null;
    }
    Upstream[] built = new Upstream[1];
    return ctx.attempt(path, () -> built[0] = b.build()) ? built[0] : null;
  }

  private @Nullable Instance instance(String path, JsonNode node) {
    if (node.isTextual()) {
      String url = Values.string(ctx, path, node);
      Instance[] out = new Instance[1];
      return url != null && ctx.attempt(path, () -> out[0] = Instance.of(url)) ? out[0] : null;
    }
    Obj o = Obj.of(ctx, path, node, Shapes.INSTANCE);
    if (o == null) {
      return null;
    }
    String url = o.string("url");
    if (url == null) {
      if (!o.has("url")) {
        ctx.problem(path, "an instance needs a url");
      }
      return null;
    }
    Instance.Builder[] holder = new Instance.Builder[1];
    if (!ctx.attempt(o.at("url"), () -> holder[0] = Instance.builder(url))) {
      return null;
    }
    Instance.Builder b = holder[0];
    ctx.watch(b::problems, o.at("url"));
    o.integer("weight", b::weight);
    o.string("zone", b::zone);
    Map<String, String> metadata = o.stringMap("metadata");
    if (metadata != null) {
      metadata.forEach(
          (k, v) -> ctx.attempt(Tree.child(o.at("metadata"), k), () -> b.metadata(k, v)));
    }
    Instance[] out = new Instance[1];
    return !o.broken() && ctx.attempt(path, () -> out[0] = b.build()) ? out[0] : null;
  }

  private @Nullable ServiceDiscovery discovery(Obj o) {
    String kind = o.choice();
    ServiceDiscovery[] out = new ServiceDiscovery[1];
    switch (kind) {
      case "static" -> {
        List<Instance> instances = new ArrayList<>();
        for (Obj.Located item : o.list("static")) {
          Instance instance = instance(item.path(), item.node());
          if (instance != null) {
            instances.add(instance);
          }
        }
        ctx.attempt(o.at("static"), () -> out[0] = ServiceDiscovery.of(instances));
      }
      case "dns" -> {
        Obj dns = o.obj("dns", Shapes.DNS);
        if (dns != null) {
          String url = required(dns, "url");
          Duration ttl = dns.duration("ttl");
          if (url != null && ttl != null) {
            ctx.attempt(dns.path, () -> out[0] = ServiceDiscovery.dns(url, ttl));
          } else if (ttl == null && !dns.has("ttl")) {
            ctx.problem(dns.path, "dns discovery needs a ttl, such as 30s");
          }
        }
      }
      default -> {
        Obj file = o.obj("file", Shapes.FILE_DISCOVERY);
        if (file != null) {
          String p = required(file, "path");
          Duration poll =
              file.has("pollInterval") ? file.duration("pollInterval") : Duration.ofSeconds(5);
          if (p != null && poll != null) {
            ctx.attempt(file.path, () -> out[0] = ServiceDiscovery.file(ctx.path(p), poll));
          }
        }
      }
    }
    return out[0];
  }

  private @Nullable String required(Obj o, String key) {
    if (!o.has(key)) {
      ctx.problem(o.path, "'" + key + "' is required");
      return null;
    }
    return o.string(key);
  }

  private @Nullable LoadBalancing loadBalancing(String path, @Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String kind = Values.string(ctx, path, node);
      if (kind == null) {
        return null;
      }
      switch (kind) {
        case "round-robin":
          return LoadBalancing.roundRobin();
        case "weighted-round-robin":
          return LoadBalancing.weightedRoundRobin();
        case "least-in-flight":
          return LoadBalancing.leastInFlight();
        default:
          ctx.problem(
              path,
              "unknown load balancing '"
                  + kind
                  + "' (expected round-robin, weighted-round-robin,"
                  + " least-in-flight or {consistentHash: ...})");
          return null;
      }
    }
    Obj o = Obj.of(ctx, path, node, Shapes.LOAD_BALANCING);
    Obj hash = o == null ? null : o.obj("consistentHash", Shapes.CONSISTENT_HASH);
    if (hash == null) {
      return null;
    }
    LoadBalancing[] out = new LoadBalancing[1];
    String key = hash.choice();
    String value = hash.string(key);
    if (value == null) {
      return null;
    }
    if (key.equals("source")) {
      switch (value) {
        case "client-ip" -> out[0] = LoadBalancing.consistentHashOnClientIp();
        case "consumer" -> out[0] = LoadBalancing.consistentHashOnConsumer();
        default ->
            ctx.problem(
                hash.at("source"),
                "unknown hash source '" + value + "' (expected client-ip or consumer)");
      }
    } else {
      ctx.attempt(
          hash.at(key),
          () ->
              out[0] =
                  key.equals("header")
                      ? LoadBalancing.consistentHashOnHeader(value)
                      : LoadBalancing.consistentHashOnCookie(value));
    }
    return out[0];
  }

  private @Nullable HealthCheck healthCheck(Obj o) {
    String path = required(o, "path");
    if (path == null) {
      return null;
    }
    HealthCheck.Builder[] holder = new HealthCheck.Builder[1];
    if (!ctx.attempt(o.at("path"), () -> holder[0] = HealthCheck.builder(path))) {
      return null;
    }
    HealthCheck.Builder b = holder[0];
    ctx.watch(b::problems, o.at("path"));
    Obj range = o.obj("expectedStatus", Shapes.STATUS_RANGE);
    if (range != null) {
      Integer from = range.integer("from");
      Integer to = range.integer("to");
      if (from != null && to != null) {
        ctx.attempt(range.path, () -> b.expectedStatus(from, to));
      } else if (!range.has("from") || !range.has("to")) {
        ctx.problem(range.path, "expectedStatus needs both from and to");
      }
    }
    o.duration("interval", b::interval);
    o.duration("timeout", b::timeout);
    o.integer("healthyThreshold", b::healthyThreshold);
    o.integer("unhealthyThreshold", b::unhealthyThreshold);
    o.bool("startHealthy", b::startHealthy);
    HealthCheck[] built = new HealthCheck[1];
    return ctx.attempt(o.path, () -> built[0] = b.build()) ? built[0] : null;
  }

  private void retry(Obj upstream, Upstream.Builder target) {
    JsonNode node = upstream.raw("retry");
    if (node == null) {
      return;
    }
    String path = upstream.at("retry");
    if (node.isTextual()) {
      String v = Values.string(ctx, path, node);
      if ("none".equals(v)) {
        target.retry(RetryPolicy.none());
      } else if ("defaults".equals(v)) {
        target.retry(RetryPolicy.defaults());
      } else if (v != null) {
        ctx.problem(path, "expected none, defaults or an object, got '" + v + "'");
      }
      return;
    }
    Obj o = Obj.of(ctx, path, node, Shapes.RETRY);
    if (o == null) {
      return;
    }
    RetryPolicy.Builder b = RetryPolicy.builder();
    ctx.watch(b::problems, path);
    o.integer("maxAttempts", b::maxAttempts);
    int[] statuses = o.integers("retryOnStatus");
    if (statuses != null) {
      ctx.attempt(o.at("retryOnStatus"), () -> b.retryOnStatus(statuses));
    }
    RetryPolicy defaults = RetryPolicy.defaults();
    if (o.has("backoff") || o.has("maxBackoff")) {
      Duration first = o.has("backoff") ? o.duration("backoff") : defaults.backoff();
      Duration max = o.has("maxBackoff") ? o.duration("maxBackoff") : defaults.maxBackoff();
      if (first != null && max != null) {
        ctx.attempt(o.at(o.has("backoff") ? "backoff" : "maxBackoff"), () -> b.backoff(first, max));
      }
    }
    if (o.has("budgetRatio") || o.has("budgetMinPerSecond")) {
      Double ratio =
          o.has("budgetRatio") ? o.number("budgetRatio") : (Double) defaults.budgetRatio();
      Integer min =
          o.has("budgetMinPerSecond")
              ? o.integer("budgetMinPerSecond")
              : (Integer) defaults.budgetMinPerSecond();
      if (ratio != null && min != null) {
        ctx.attempt(
            o.at(o.has("budgetRatio") ? "budgetRatio" : "budgetMinPerSecond"),
            () -> b.budget(ratio, min));
      }
    }
    o.size("bufferBodiesUpTo", bytes -> b.bufferBodiesUpTo(Math.toIntExact(bytes)));
    o.bool("retryIdempotencyKeyRequests", b::retryIdempotencyKeyRequests);
    ctx.attempt(path, () -> target.retry(b.build()));
  }

  private void outlier(Obj upstream, Upstream.Builder target) {
    JsonNode node = upstream.raw("outlierDetection");
    if (node == null) {
      return;
    }
    String path = upstream.at("outlierDetection");
    if (node.isTextual()) {
      String v = Values.string(ctx, path, node);
      if ("disabled".equals(v)) {
        target.outlierDetection(OutlierDetection.disabled());
      } else if ("defaults".equals(v)) {
        target.outlierDetection(OutlierDetection.defaults());
      } else if (v != null) {
        ctx.problem(path, "expected disabled, defaults or an object, got '" + v + "'");
      }
      return;
    }
    Obj o = Obj.of(ctx, path, node, Shapes.OUTLIER);
    if (o == null) {
      return;
    }
    OutlierDetection.Builder b = OutlierDetection.builder();
    ctx.watch(b::problems, path);
    o.integer("consecutiveFailures", b::consecutiveFailures);
    o.duration("baseEjection", b::baseEjection);
    o.duration("maxEjection", b::maxEjection);
    o.number("maxEjectedShare", b::maxEjectedShare);
    ctx.attempt(path, () -> target.outlierDetection(b.build()));
  }

  private @Nullable CircuitBreakerPolicy circuitBreaker(Obj o) {
    CircuitBreakerPolicy.Builder b = CircuitBreakerPolicy.builder();
    ctx.watch(b::problems, o.path);
    String scope = o.string("scope");
    if (scope != null) {
      switch (scope) {
        case "upstream" -> b.scope(CircuitBreakerPolicy.Scope.UPSTREAM);
        case "instance" -> b.scope(CircuitBreakerPolicy.Scope.INSTANCE);
        default ->
            ctx.problem(
                o.at("scope"),
                "expected upstream or instance, got '" + scope.toLowerCase(Locale.ROOT) + "'");
      }
    }
    o.number("failureRateThreshold", b::failureRateThreshold);
    o.number("slowCallRateThreshold", b::slowCallRateThreshold);
    o.duration("slowCallDuration", b::slowCallDuration);
    if (o.has("window") || o.has("minimumCalls")) {
      Integer window = o.has("window") ? o.integer("window") : (Integer) 100;
      Integer minimum =
          o.has("minimumCalls")
              ? o.integer("minimumCalls")
              : (Integer) Math.min(20, window == null ? 20 : window);
      if (window != null && minimum != null) {
        ctx.attempt(
            o.at(o.has("window") ? "window" : "minimumCalls"), () -> b.window(window, minimum));
      }
    }
    o.duration("openDuration", b::openDuration);
    o.integer("halfOpenCalls", b::halfOpenCalls);
    CircuitBreakerPolicy[] built = new CircuitBreakerPolicy[1];
    return ctx.attempt(o.path, () -> built[0] = b.build()) ? built[0] : null;
  }
}
