package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Gateway;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The stateful middleware one reading of a file built (rate limiters, concurrency limiters, caches,
 * the metrics registry), by name and definition, so that the next reading of a changed file can
 * keep those whose definition did not change: their buckets, counts and entries carry over a hot
 * reload. It also names the gateway the reading built, whose unchanged upstreams' health, ejection
 * and circuit state the next gateway takes over ({@code Gateway.Builder.upstreamStateFrom}).
 */
public final class Carried {
  /** Nothing to carry: a first reading. */
  public static final Carried NONE = new Carried();

  private record Kept(JsonNode definition, Object instance) {}

  private final Map<String, Kept> kept = new HashMap<>();

  /** The gateway this reading built: the next one takes over its equal upstreams' state. */
  private @Nullable Gateway gateway;

  @Nullable Gateway gateway() {
    return gateway;
  }

  void gateway(Gateway built) {
    this.gateway = built;
  }

  /** The instance kept under {@code key} if its definition equals {@code definition}, else null. */
  @Nullable <T> T reuse(String key, JsonNode definition, Class<T> type) {
    Kept k = kept.get(key);
    return k != null && k.definition().equals(definition) && type.isInstance(k.instance())
        ? type.cast(k.instance())
        : null;
  }

  void keep(String key, JsonNode definition, Object instance) {
    kept.put(key, new Kept(definition.deepCopy(), instance));
  }
}
