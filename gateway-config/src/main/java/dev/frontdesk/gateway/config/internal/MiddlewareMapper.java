package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.Authenticator;
import dev.frontdesk.gateway.auth.Authorization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code use:} lists, global, group or route: each entry one middleware, named by its one key, in
 * the order listed (the first runs outermost, as with the builder's {@code use}).
 */
final class MiddlewareMapper {
  private final Ctx ctx;
  private final AuthMapper auth;
  private final RateLimitMapper rateLimits;
  private final Map<String, Middleware> caches;
  private final java.util.Set<String> declaredCaches;

  MiddlewareMapper(
      Ctx ctx,
      AuthMapper auth,
      RateLimitMapper rateLimits,
      Map<String, Middleware> caches,
      java.util.Set<String> declaredCaches) {
    this.declaredCaches = declaredCaches;
    this.ctx = ctx;
    this.auth = auth;
    this.rateLimits = rateLimits;
    this.caches = caches;
  }

  /** Hands each middleware of {@code owner.key} to {@code use}. */
  void each(Obj owner, String key, Consumer<Middleware> use) {
    for (Obj.Located item : owner.list(key)) {
      Obj o = Obj.of(ctx, item.path(), item.node(), Shapes.MIDDLEWARE);
      Middleware m = o == null ? null : middleware(o);
      if (m != null) {
        use.accept(m);
      }
    }
  }

  private @Nullable Middleware middleware(Obj o) {
    String kind = o.choice();
    String at = o.at(kind);
    Middleware[] out = new Middleware[1];
    switch (kind) {
      case "setRequestHeader" -> headerValue(o, kind, Middlewares::setRequestHeader, out);
      case "addRequestHeader" -> headerValue(o, kind, Middlewares::addRequestHeader, out);
      case "setResponseHeader" -> headerValue(o, kind, Middlewares::setResponseHeader, out);
      case "addResponseHeader" -> headerValue(o, kind, Middlewares::addResponseHeader, out);
      case "removeRequestHeader" ->
          o.string(kind, name -> out[0] = Middlewares.removeRequestHeader(name));
      case "removeResponseHeader" ->
          o.string(kind, name -> out[0] = Middlewares.removeResponseHeader(name));
      case "stripPrefix" -> o.integer(kind, n -> out[0] = Middlewares.stripPrefix(n));
      case "addPrefix" -> o.string(kind, p -> out[0] = Middlewares.addPrefix(p));
      case "rewritePath" -> {
        Obj r = o.obj(kind, Shapes.REWRITE);
        String regex = r == null ? null : r.string("regex");
        String replacement = r == null ? null : r.string("replacement");
        if (r != null && (!r.has("regex") || !r.has("replacement"))) {
          ctx.problem(r.path, "rewritePath needs regex and replacement");
        } else if (r != null && regex != null && replacement != null) {
          ctx.attempt(r.at("regex"), () -> out[0] = Middlewares.rewritePath(regex, replacement));
        }
      }
      case "maxRequestBodySize" -> {
        Long size = o.size(kind);
        if (size != null) {
          ctx.attempt(at, () -> out[0] = Middlewares.maxRequestBodySize(size));
        }
      }
      case "authenticate" -> out[0] = authenticate(o);
      case "requireAuthenticated" -> {
        if (isTrue(o, kind)) {
          out[0] = Authorization.authenticated();
        }
      }
      case "requireScopes" -> o.strings(kind, scopes -> out[0] = Authorization.scopes(scopes));
      case "requireAnyGroup" -> o.strings(kind, groups -> out[0] = Authorization.anyGroup(groups));
      case "requireClaim" -> {
        Obj c = o.obj(kind, Shapes.CLAIM);
        String name = c == null ? null : c.string("name");
        List<String> values = c == null ? null : c.strings("values");
        if (c != null && (!c.has("name") || !c.has("values"))) {
          ctx.problem(c.path, "requireClaim needs a name and its accepted values");
        } else if (c != null && name != null && values != null) {
          ctx.attempt(
              c.path, () -> out[0] = Authorization.claim(name, values.toArray(String[]::new)));
        }
      }
      case "forwardIdentity" -> {
        if (isTrue(o, kind)) {
          if (auth.identity == null) {
            ctx.problem(
                at,
                "forwardIdentity needs auth.identity (write identity: {} for the default headers)");
          } else {
            out[0] = auth.identity.forward();
          }
        }
      }
      case "rateLimit" ->
          out[0] = named(o, kind, rateLimits.limiters, "rate limiter", "rateLimits.limiters");
      case "cache" -> out[0] = cache(o);
      case "requestTransform" -> {
        Obj t = o.obj(kind, Shapes.REQUEST_TRANSFORM);
        out[0] =
            t != null && Modules.TRANSFORM.present(ctx, at)
                ? new TransformMapper(ctx).request(t)
                : null;
      }
      case "responseTransform" -> {
        Obj t = o.obj(kind, Shapes.RESPONSE_TRANSFORM);
        out[0] =
            t != null && Modules.TRANSFORM.present(ctx, at)
                ? new TransformMapper(ctx).response(t)
                : null;
      }
      case "compression" ->
          out[0] =
              Modules.TRANSFORM.present(ctx, at) ? new TransformMapper(ctx).compression(o) : null;
      default ->
          out[0] =
              named(
                  o, kind, rateLimits.concurrency, "concurrency limiter", "rateLimits.concurrency");
    }
    return out[0];
  }

  /** {@code cache: name}, one of {@code caches}; a cache declared wrongly was reported there. */
  private @Nullable Middleware cache(Obj o) {
    String name = o.string("cache");
    if (name == null) {
      return null;
    }
    Middleware found = caches.get(name);
    if (found == null && !declaredCaches.contains(name)) {
      ctx.problem(
          o.at("cache"),
          "unknown cache '"
              + name
              + "' (declared in caches: "
              + (declaredCaches.isEmpty() ? "none" : String.join(", ", declaredCaches))
              + ")");
    }
    return found;
  }

  private boolean isTrue(Obj o, String key) {
    Boolean v = o.bool(key);
    if (Boolean.FALSE.equals(v)) {
      ctx.problem(o.at(key), "only true is meaningful here: remove the entry instead");
    }
    return Boolean.TRUE.equals(v);
  }

  private void headerValue(
      Obj o, String kind, BiFunction<String, String, Middleware> factory, Middleware[] out) {
    Obj h = o.obj(kind, Shapes.HEADER_VALUE);
    if (h == null) {
      return;
    }
    String name = h.string("name");
    String value = h.string("value");
    if (!h.has("name") || !h.has("value")) {
      ctx.problem(h.path, kind + " needs a name and a value");
    } else if (name != null && value != null) {
      ctx.attempt(h.path, () -> out[0] = factory.apply(name, value));
    }
  }

  private <T extends Middleware> @Nullable T named(
      Obj o, String kind, Map<String, T> declared, String what, String where) {
    String name = o.string(kind);
    if (name == null) {
      return null;
    }
    T found = declared.get(name);
    if (found == null && !rateLimits.declared.contains(kind + ":" + name)) {
      ctx.problem(
          o.at(kind),
          "unknown "
              + what
              + " '"
              + name
              + "' (declared in "
              + where
              + ": "
              + declaredNames(kind)
              + ")");
    }
    return found;
  }

  private String declaredNames(String kind) {
    List<String> names =
        rateLimits.declared.stream()
            .filter(d -> d.startsWith(kind + ":"))
            .map(d -> d.substring(kind.length() + 1))
            .toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private @Nullable Middleware authenticate(Obj o) {
    var raw = o.raw("authenticate");
    Authentication.Builder b = Authentication.builder();
    List<String> names;
    String namesPath;
    if (raw != null && raw.isObject()) {
      Obj a = o.obj("authenticate", Shapes.AUTHENTICATE);
      if (a == null) {
        return null;
      }
      names = a.strings("with");
      namesPath = a.at("with");
      if (!a.has("with")) {
        ctx.problem(a.path, "authenticate needs 'with': the authenticators to try, in order");
      }
      a.flag("anonymousAllowed", b::anonymousAllowed);
      a.strings("anonymousRoutes", b::anonymousRoutes);
    } else {
      names = o.strings("authenticate");
      namesPath = o.at("authenticate");
    }
    if (names == null) {
      return null;
    }
    List<Authenticator> authenticators = new ArrayList<>();
    for (String name : names) {
      Authenticator a = auth.authenticators.get(name);
      if (a == null && auth.declared.contains(name)) {
        return null; // its declaration was wrong, and said so
      }
      if (a == null) {
        ctx.problem(
            namesPath,
            "unknown authenticator '"
                + name
                + "' (declared in auth.authenticators: "
                + (auth.declared.isEmpty() ? "none" : String.join(", ", auth.declared))
                + ")");
        return null;
      }
      authenticators.add(a);
    }
    Middleware[] out = new Middleware[1];
    return ctx.attempt(
            namesPath,
            () -> out[0] = b.authenticators(authenticators.toArray(Authenticator[]::new)).build())
        ? out[0]
        : null;
  }
}
