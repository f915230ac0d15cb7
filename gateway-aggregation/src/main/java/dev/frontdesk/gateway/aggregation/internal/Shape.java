package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A leg's shaping operators, applied to its parsed result in a fixed order: select a sub-node, then
 * keep the allow list, drop the deny list, and rename fields.
 */
final class Shape {
  private Shape() {}

  static JsonNode apply(LegSpec leg, JsonNode value) {
    JsonNode node = value;
    if (leg.select != null) {
      node = node.at(leg.select);
      if (node.isMissingNode()) {
        throw LegFailure.bad(
            "shape", "the answer of leg '" + leg.name + "' has nothing at " + leg.select);
      }
    }
    boolean reshapes = leg.include != null || !leg.exclude.isEmpty() || !leg.renames.isEmpty();
    if (!reshapes) {
      return node;
    }
    if (!node.isObject()) {
      throw LegFailure.bad(
          "shape",
          "the answer of leg '"
              + leg.name
              + "' is not a JSON object, so its fields cannot be kept, dropped or renamed");
    }
    ObjectNode object = ((ObjectNode) node).deepCopy();
    if (leg.include != null) {
      object.retain(leg.include);
    }
    object.remove(leg.exclude);
    for (Map.Entry<String, String> rename : leg.renames.entrySet()) {
      JsonNode moved = object.remove(rename.getKey());
      if (moved != null) {
        object.set(rename.getValue(), moved);
      }
    }
    return object;
  }
}
