package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.ratelimit.ConcurrencyLimiter;
import dev.frontdesk.gateway.ratelimit.FailureMode;
import dev.frontdesk.gateway.ratelimit.KeyResolver;
import dev.frontdesk.gateway.ratelimit.LocalBackendBuilder;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import dev.frontdesk.gateway.ratelimit.redis.RedisBackend;
import dev.frontdesk.gateway.ratelimit.redis.SyncMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code rateLimits:} onto {@link RateLimiter}, {@link ConcurrencyLimiter} and their backends. Each
 * limiter gets its own backend instance (a limiter closes its backend with the gateway); a Redis
 * backend connects only in the live pass, after everything else was found valid.
 */
final class RateLimitMapper {
  private static final Pattern SHORT_LIMIT = Pattern.compile("(\\d+)\\s*/\\s*(\\S+)");

  private final Ctx ctx;
  private final Map<String, Supplier<RateLimitBackend>> backends = new LinkedHashMap<>();
  final Map<String, RateLimiter> limiters = new LinkedHashMap<>();
  final Map<String, ConcurrencyLimiter> concurrency = new LinkedHashMap<>();

  /** Every declared name, including those whose declaration was wrong (already reported). */
  final java.util.Set<String> declared = new java.util.LinkedHashSet<>();

  private final java.util.Set<String> declaredBackends = new java.util.LinkedHashSet<>();

  /** What the live pass built that holds connections, closed if the gateway then fails to build. */
  final List<AutoCloseable> built = new ArrayList<>();

  RateLimitMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  void map(Obj o) {
    for (Obj.Named n : o.named("backends")) {
      declaredBackends.add(n.name());
      Obj backend = Obj.of(ctx, n.path(), n.node(), Shapes.BACKEND);
      Supplier<RateLimitBackend> supplier = backend == null ? null : backend(backend);
      if (supplier != null) {
        backends.put(n.name(), supplier);
      }
    }
    for (Obj.Named n : o.named("limiters")) {
      declared.add("rateLimit:" + n.name());
      Obj limiter = Obj.of(ctx, n.path(), n.node(), Shapes.LIMITER);
      // A limiter is kept across a reload when it and the backend it names read the same.
      JsonNode definition = definition(n.node(), o.raw("backends"));
      RateLimiter kept =
          ctx.previous().reuse("rateLimit:" + n.name(), definition, RateLimiter.class);
      RateLimiter l = limiter == null ? null : kept != null ? kept : limiter(n.name(), limiter);
      if (l != null) {
        limiters.put(n.name(), l);
        ctx.next().keep("rateLimit:" + n.name(), definition, l);
      }
    }
    for (Obj.Named n : o.named("concurrency")) {
      declared.add("concurrencyLimit:" + n.name());
      Obj c = Obj.of(ctx, n.path(), n.node(), Shapes.CONCURRENCY);
      ConcurrencyLimiter kept =
          ctx.previous().reuse("concurrencyLimit:" + n.name(), n.node(), ConcurrencyLimiter.class);
      ConcurrencyLimiter l = c == null ? null : kept != null ? kept : concurrency(c);
      if (l != null) {
        concurrency.put(n.name(), l);
        ctx.next().keep("concurrencyLimit:" + n.name(), n.node(), l);
      }
    }
  }

  /** A limiter's definition and that of the backend it names, compared on reload. */
  private static JsonNode definition(JsonNode limiter, @Nullable JsonNode backends) {
    com.fasterxml.jackson.databind.node.ObjectNode both =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    both.set("limiter", limiter);
    JsonNode name = limiter.get("backend");
    if (name != null
        && name.isTextual()
        && backends != null
        && backends.get(name.asText()) != null) {
      both.set("backend", backends.get(name.asText()));
    }
    return both;
  }

  private @Nullable Supplier<RateLimitBackend> backend(Obj o) {
    if (o.choice().equals("local")) {
      Obj local = o.obj("local", Shapes.LOCAL_BACKEND);
      if (local == null) {
        return null;
      }
      Long maximumKeys = local.longValue("maximumKeys");
      LocalBackendBuilder probe = RateLimitBackend.localBuilder();
      ctx.watch(probe::problems, local.path);
      if (maximumKeys != null
          && !ctx.attempt(local.at("maximumKeys"), () -> probe.maximumKeys(maximumKeys))) {
        return null;
      }
      return () -> {
        LocalBackendBuilder b = RateLimitBackend.localBuilder();
        if (maximumKeys != null) {
          b.maximumKeys(maximumKeys);
        }
        return b.build();
      };
    }
    Obj r = o.obj("redis", Shapes.REDIS);
    if (r == null) {
      return null;
    }
    String uri = r.secret("uri");
    if (uri == null) {
      if (!r.has("uri")) {
        ctx.problem(r.path, "'uri' is required, such as redis://localhost:6379");
      }
      return null;
    }
    RedisBackend.Builder[] holder = new RedisBackend.Builder[1];
    if (!ctx.attempt(r.at("uri"), () -> holder[0] = RedisBackend.builder(uri))) {
      return null;
    }
    RedisBackend.Builder b = holder[0];
    ctx.watch(b::problems, r.at("uri"));
    if (!b.problems().isEmpty()) {
      return null;
    }
    r.string("keyPrefix", b::keyPrefix);
    r.duration("commandTimeout", b::commandTimeout);
    r.duration("connectTimeout", b::connectTimeout);
    String mode = r.string("syncMode");
    if (mode != null) {
      switch (mode) {
        case "plain" -> b.syncMode(SyncMode.PLAIN);
        case "batching" -> b.syncMode(SyncMode.BATCHING);
        case "delayed" -> {
          Long tokens = r.longValue("maxUnsyncedTokens");
          Duration time = r.duration("maxUnsyncedTime");
          if (tokens != null && time != null) {
            ctx.attempt(r.at("syncMode"), () -> b.delayedSync(tokens, time));
          } else if (!r.has("maxUnsyncedTokens") || !r.has("maxUnsyncedTime")) {
            ctx.problem(
                r.at("syncMode"), "syncMode delayed needs maxUnsyncedTokens and maxUnsyncedTime");
          }
        }
        default ->
            ctx.problem(
                r.at("syncMode"), "expected plain, batching or delayed, got '" + mode + "'");
      }
    }
    if (!"delayed".equals(mode) && (r.has("maxUnsyncedTokens") || r.has("maxUnsyncedTime"))) {
      ctx.problem(
          r.at(r.has("maxUnsyncedTokens") ? "maxUnsyncedTokens" : "maxUnsyncedTime"),
          "only used with syncMode: delayed");
    }
    r.duration("maxReconnectDelay", b::maxReconnectDelay);
    r.longValue("maximumKeys", b::maximumKeys);
    // The first pass checks the settings without connecting; the live pass connects.
    return () -> ctx.live() ? b.build() : RateLimitBackend.local();
  }

  private @Nullable RateLimiter limiter(String name, Obj o) {
    RateLimiter.Builder b = RateLimiter.builder();
    ctx.watch(b::problems, o.path);
    ctx.attempt(o.path, () -> b.name(name));
    if (!o.has("limit")) {
      ctx.problem(o.path, "'limit' is required, such as \"100/1m\"");
    } else {
      RateLimit limit = limit(o.at("limit"), o.raw("limit"));
      if (limit != null) {
        b.limit(limit);
      }
    }
    if (o.has("key")) {
      KeyResolver key = key(o.at("key"), o.raw("key"));
      if (key != null) {
        b.key(key);
      }
    }
    for (Obj.Named plan : o.named("plans")) {
      RateLimit limit = limit(plan.path(), plan.node());
      if (limit != null) {
        ctx.attempt(plan.path(), () -> b.plan(plan.name(), limit));
      }
    }
    Supplier<RateLimitBackend> backend = null;
    String backendName = o.string("backend");
    if (backendName != null) {
      backend = backends.get(backendName);
      if (backend == null && !declaredBackends.contains(backendName)) {
        ctx.problem(
            o.at("backend"),
            "unknown backend '"
                + backendName
                + "' (declared: "
                + String.join(", ", declaredBackends)
                + ")");
      }
    }
    o.bool("ietfHeaders", b::ietfHeaders);
    o.bool("legacyHeaders", b::legacyHeaders);
    String failureMode = o.string("failureMode");
    if (failureMode != null) {
      switch (failureMode) {
        case "open" -> b.failureMode(FailureMode.OPEN);
        case "closed" -> b.failureMode(FailureMode.CLOSED);
        default ->
            ctx.problem(o.at("failureMode"), "expected open or closed, got '" + failureMode + "'");
      }
    }
    o.duration("failureRetryAfter", b::failureRetryAfter);
    o.integer("expectedInstances", b::expectedInstances);
    if (backend != null) {
      b.backend(backend.get());
    }
    RateLimiter[] out = new RateLimiter[1];
    if (o.broken() || !ctx.attempt(o.path, () -> out[0] = b.build())) {
      return null;
    }
    built.add(out[0]);
    return out[0];
  }

  /** {@code "100/1m"} (RateLimit.of) or {@code {name, bandwidths: [...]}}. */
  @Nullable RateLimit limit(String path, @Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String text = Values.string(ctx, path, node);
      if (text == null) {
        return null;
      }
      Matcher m = SHORT_LIMIT.matcher(text);
      if (!m.matches()) {
        ctx.problem(
            path,
            "invalid limit '"
                + text
                + "': use requests/period, such as 100/1m, or an object with bandwidths");
        return null;
      }
      Duration period = Values.duration(ctx, path, m.group(2));
      RateLimit[] out = new RateLimit[1];
      return period != null
              && ctx.attempt(path, () -> out[0] = RateLimit.of(Long.parseLong(m.group(1)), period))
          ? out[0]
          : null;
    }
    Obj o = Obj.of(ctx, path, node, Shapes.LIMIT);
    if (o == null) {
      return null;
    }
    List<Obj.Located> bandwidths = o.list("bandwidths");
    if (bandwidths.isEmpty()) {
      ctx.problem(path, "a limit needs at least one bandwidth");
      return null;
    }
    RateLimit.BuildStage stage = null;
    for (Obj.Located item : bandwidths) {
      Obj bw = Obj.of(ctx, item.path(), item.node(), Shapes.BANDWIDTH);
      if (bw == null) {
        return null;
      }
      Long capacity = bw.longValue("capacity");
      Long tokens = bw.has("refillTokens") ? bw.longValue("refillTokens") : capacity;
      Duration period = bw.duration("refillPeriod");
      String refill = bw.has("refill") ? bw.string("refill") : "greedy";
      if (capacity == null || tokens == null || period == null || refill == null) {
        if (!bw.has("capacity") || !bw.has("refillPeriod")) {
          ctx.problem(item.path(), "a bandwidth needs capacity and refillPeriod");
        }
        return null;
      }
      if (!refill.equals("greedy") && !refill.equals("intervally")) {
        ctx.problem(bw.at("refill"), "expected greedy or intervally, got '" + refill + "'");
        return null;
      }
      RateLimit.RefillStage r =
          stage == null ? RateLimit.capacity(capacity) : stage.andCapacity(capacity);
      if (stage == null) {
        ctx.watch(r::problems, item.path()); // every stage shares the one list
      }
      RateLimit.BuildStage[] next = new RateLimit.BuildStage[1];
      boolean ok =
          ctx.attempt(
              item.path(),
              () ->
                  next[0] =
                      refill.equals("greedy")
                          ? r.refillGreedy(tokens, period)
                          : r.refillIntervally(tokens, period));
      if (!ok) {
        return null;
      }
      stage = next[0];
    }
    // bandwidths is not empty and every one of them has set a stage
    RateLimit.BuildStage done = Objects.requireNonNull(stage, "stage");
    String name = o.string("name");
    if (name != null && !ctx.attempt(o.at("name"), () -> done.name(name))) {
      return null;
    }
    RateLimit[] out = new RateLimit[1];
    return ctx.attempt(path, () -> out[0] = done.build()) ? out[0] : null;
  }

  /**
   * {@code client-address}, {@code consumer}, ... or {@code {header: X}}, {@code {firstOf: [...]}},
   * {@code {allOf: [...]}}.
   */
  @Nullable KeyResolver key(String path, @Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String name = Values.string(ctx, path, node);
      if (name == null) {
        return null;
      }
      switch (name) {
        case "client-address":
          return KeyResolver.clientAddress();
        case "consumer":
          return KeyResolver.consumer();
        case "subject":
          return KeyResolver.subject();
        case "route":
          return KeyResolver.route();
        case "global":
          return KeyResolver.global();
        default:
          ctx.problem(
              path,
              "unknown key '"
                  + name
                  + "' (expected client-address, consumer, subject, route, global,"
                  + " {header: name}, {firstOf: [...]} or {allOf: [...]})");
          return null;
      }
    }
    Obj o = Obj.of(ctx, path, node, Shapes.KEY);
    if (o == null) {
      return null;
    }
    String kind = o.choice();
    if (kind.equals("header")) {
      String header = o.string("header");
      KeyResolver[] out = new KeyResolver[1];
      return header != null
              && ctx.attempt(o.at("header"), () -> out[0] = KeyResolver.header(header))
          ? out[0]
          : null;
    }
    List<Obj.Located> parts = o.list(kind);
    if (parts.size() < 2) {
      ctx.problem(o.at(kind), kind + " needs at least two keys");
      return null;
    }
    KeyResolver result = null;
    for (Obj.Located part : parts) {
      KeyResolver k = key(part.path(), part.node());
      if (k == null) {
        return null;
      }
      result = result == null ? k : kind.equals("firstOf") ? result.orElse(k) : result.and(k);
    }
    return result;
  }

  private @Nullable ConcurrencyLimiter concurrency(Obj o) {
    ConcurrencyLimiter.Builder b = ConcurrencyLimiter.builder();
    ctx.watch(b::problems, o.path);
    if (!o.has("maxConcurrent")) {
      ctx.problem(o.path, "'maxConcurrent' is required");
      return null;
    }
    o.integer("maxConcurrent", b::maxConcurrent);
    if (o.has("key")) {
      KeyResolver key = key(o.at("key"), o.raw("key"));
      if (key != null) {
        b.key(key);
      }
    }
    o.duration("maxWait", b::maxWait);
    o.duration("retryAfter", b::retryAfter);
    ConcurrencyLimiter[] out = new ConcurrencyLimiter[1];
    return !o.broken() && ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }
}
