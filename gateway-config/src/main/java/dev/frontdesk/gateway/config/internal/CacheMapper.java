package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.cache.ResponseCache;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code caches:} onto {@link ResponseCache.Builder}: named caches that {@code use: [{cache:
 * name}]} entries share. Loaded only once gateway-cache is known to be on the class path. A cache
 * whose definition did not change is kept over a reload, with what it stores.
 */
final class CacheMapper {
  private final Ctx ctx;

  CacheMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  /** Puts each well-formed cache of {@code o.caches} into {@code out}, by name. */
  void map(Obj root, Map<String, Middleware> out) {
    for (Obj.Named n : root.named("caches")) {
      Obj o = Obj.of(ctx, n.path(), n.node(), Shapes.CACHE);
      ResponseCache kept = ctx.previous().reuse("cache:" + n.name(), n.node(), ResponseCache.class);
      ResponseCache cache = o == null ? null : kept != null ? kept : cache(n.name(), o);
      if (cache != null) {
        out.put(n.name(), cache);
        ctx.next().keep("cache:" + n.name(), n.node(), cache);
      }
    }
  }

  private @Nullable ResponseCache cache(String name, Obj o) {
    ResponseCache.Builder b = ResponseCache.builder();
    ctx.watch(b::problems, o.path);
    if (o.has("name")) {
      o.string("name", b::name);
    } else {
      ctx.attempt(o.path, () -> b.name(name));
    }
    o.size("maximumBytes", b::maximumBytes);
    o.longValue("maximumEntries", b::maximumEntries);
    o.size("maxBodySize", b::maxBodySize);
    o.duration("defaultTtl", b::defaultTtl);
    o.duration("staleRetention", b::staleRetention);
    o.duration("coalescingWait", b::coalescingWait);
    if (o.broken()) {
      return null;
    }
    ResponseCache[] out = new ResponseCache[1];
    return ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }
}
