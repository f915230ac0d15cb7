package dev.frontdesk.gateway.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The results of one request's legs, handed to a {@link Composer}. A failed leg without a fallback
 * reads as a {@link MissingNode}, so {@code get("orders").path("items")} never throws.
 */
public final class LegResults {
  private final Map<String, JsonNode> values;
  private final Set<String> failed;
  private final JsonNodeFactory nodes;

  /** Made by the aggregation; public only so that composers can be unit-tested. */
  public LegResults(Map<String, JsonNode> values, Set<String> failed, JsonNodeFactory nodes) {
    this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
    this.failed = Set.copyOf(Objects.requireNonNull(failed, "failed"));
    this.nodes = Objects.requireNonNull(nodes, "nodes");
  }

  /** The leg's result (its fallback if it failed), or a missing node. */
  public JsonNode get(String leg) {
    return values.getOrDefault(Objects.requireNonNull(leg, "leg"), MissingNode.getInstance());
  }

  /** True when the leg failed (its fallback, if any, is what {@link #get} returns). */
  public boolean failed(String leg) {
    return failed.contains(Objects.requireNonNull(leg, "leg"));
  }

  /** The node factory the aggregation uses, which keeps decimals exact. */
  public JsonNodeFactory nodes() {
    return nodes;
  }

  /** A new, empty object node. */
  public ObjectNode objectNode() {
    return nodes.objectNode();
  }
}
