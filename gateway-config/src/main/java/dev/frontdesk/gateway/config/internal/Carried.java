package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The stateful middleware one reading of a file built (rate limiters, concurrency limiters), by
 * name and definition, so that the next reading of a changed file can keep those whose definition
 * did not change: their buckets and counts carry over a hot reload.
 */
public final class Carried {
  /** Nothing to carry: a first reading. */
  public static final Carried NONE = new Carried();

  private record Kept(JsonNode definition, Object instance) {}

  private final Map<String, Kept> kept = new HashMap<>();

  /** The instance kept under {@code key} if its definition equals {@code definition}, else null. */
  @Nullable <T> T reuse(String key, JsonNode definition, Class<T> type) {
    Kept k = kept.get(key);
    return k != null && k.definition().equals(definition) && type.isInstance(k.instance())
        ? type.cast(k.instance()) : null;
  }

  void keep(String key, JsonNode definition, Object instance) {
    kept.put(key, new Kept(definition.deepCopy(), instance));
  }
}
