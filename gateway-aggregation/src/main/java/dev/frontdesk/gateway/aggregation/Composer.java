package dev.frontdesk.gateway.aggregation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A custom composition, for shapes nesting and merging cannot express: it receives every leg's
 * (already shaped) result and returns the response body.
 *
 * <pre>{@code
 * .compose(results -> results.objectNode()
 *     .put("name", results.get("profile").path("name").asText())
 *     .set("orderCount", results.nodes().numberNode(results.get("orders").size())))
 * }</pre>
 */
@FunctionalInterface
public interface Composer {
  /** The response body; runs once per request, after the legs have finished or failed. */
  JsonNode compose(LegResults results);
}
