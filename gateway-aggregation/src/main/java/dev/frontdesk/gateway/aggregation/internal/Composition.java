package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdesk.gateway.aggregation.CollisionPolicy;
import dev.frontdesk.gateway.aggregation.LegResults;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Composes the legs' results into the response body: each leg nested under its key or merged into
 * the top level, in declaration order, collisions resolved by the declared policy, then the
 * optional per-leg status block. A failed optional leg is left out or replaced by its fallback.
 */
public final class Composition {
  private final Plan plan;
  private final Settings settings;

  public Composition(Plan plan, Settings settings) {
    this.plan = plan;
    this.settings = settings;
  }

  public JsonNode compose(Map<String, LegOutcome> outcomes) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Set<String> failed = new LinkedHashSet<>();
    for (LegSpec leg : plan.legs()) {
      LegOutcome outcome = outcomeOf(outcomes, leg);
      JsonNode value = outcome.succeeded() ? outcome.value() : leg.fallback;
      if (!outcome.succeeded()) {
        failed.add(leg.name);
      }
      if (value != null) {
        values.put(leg.name, value);
      }
    }
    if (settings.composer() != null) {
      return settings.composer().compose(new LegResults(values, failed, Json.NODES));
    }
    Writer writer = new Writer(settings.collisionPolicy());
    for (LegSpec leg : plan.legs()) {
      JsonNode value = values.get(leg.name);
      if (value == null) {
        continue;
      }
      if (leg.merge && value.isObject()) {
        value.properties().forEach(field -> writer.put(field.getKey(), field.getValue(), leg.name));
      } else if (!leg.merge) {
        writer.put(leg.outputKey(), value, leg.name);
      }
    }
    if (settings.statusKey() != null) {
      writer.put(settings.statusKey(), statusBlock(outcomes), settings.statusKey());
    }
    return writer.root;
  }

  /** The handler records an outcome for every leg of the plan, a timeout at the latest. */
  private static LegOutcome outcomeOf(Map<String, LegOutcome> outcomes, LegSpec leg) {
    return Objects.requireNonNull(outcomes.get(leg.name), leg.name);
  }

  private ObjectNode statusBlock(Map<String, LegOutcome> outcomes) {
    ObjectNode block = Json.NODES.objectNode();
    for (LegSpec leg : plan.legs()) {
      LegOutcome o = outcomeOf(outcomes, leg);
      ObjectNode entry = block.putObject(leg.name);
      entry.put("status", o.succeeded() ? "ok" : "failed");
      if (o.upstreamStatus() > 0) {
        entry.put("httpStatus", o.upstreamStatus());
      }
      entry.put("timeMs", o.millis());
      if (!o.succeeded()) {
        entry.put("error", o.error());
      }
    }
    return block;
  }

  /** Writes top-level keys, remembering which leg wrote each, and applies the policy. */
  private static final class Writer {
    final ObjectNode root = Json.NODES.objectNode();
    final Map<String, String> owners = new HashMap<>();
    final @Nullable CollisionPolicy policy;

    Writer(@Nullable CollisionPolicy policy) {
      this.policy = policy;
    }

    void put(String key, JsonNode value, String leg) {
      JsonNode existing = root.get(key);
      String owner = owners.get(key);
      if (existing == null && owner == null) {
        root.set(key, value);
        owners.put(key, leg);
        return;
      }
      if (policy == null) {
        // Plan proved this impossible; reaching it is a bug, not something to resolve quietly.
        throw new IllegalStateException(
            "legs '" + owner + "' and '" + leg + "' both wrote '" + key + "'");
      }
      switch (policy) {
        case FIRST_WINS -> {}
        case DEEP_MERGE -> root.set(key, deepMerge(existing, value));
        case APPEND -> root.set(key, append(existing, value));
        case NAMESPACE -> namespace(key, value, leg);
      }
    }

    private void namespace(String key, JsonNode value, String leg) {
      JsonNode first = root.remove(key);
      if (first != null) {
        root.set(owners.get(key) + "." + key, first);
      }
      root.set(leg + "." + key, value);
    }

    private static JsonNode deepMerge(JsonNode into, JsonNode from) {
      if (!into.isObject() || !from.isObject()) {
        return from;
      }
      ObjectNode merged = ((ObjectNode) into).deepCopy();
      from.properties()
          .forEach(
              f -> {
                JsonNode current = merged.get(f.getKey());
                merged.set(
                    f.getKey(), current == null ? f.getValue() : deepMerge(current, f.getValue()));
              });
      return merged;
    }

    private static JsonNode append(JsonNode existing, JsonNode value) {
      ArrayNode array = Json.NODES.arrayNode();
      for (JsonNode part : List.of(existing, value)) {
        if (part.isArray()) {
          array.addAll((ArrayNode) part);
        } else {
          array.add(part);
        }
      }
      return array;
    }
  }
}
