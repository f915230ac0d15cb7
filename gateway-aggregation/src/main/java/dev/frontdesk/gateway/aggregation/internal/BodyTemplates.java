package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * JSON request-body templates: a JSON document whose strings may hold references. A string that is
 * exactly one reference is replaced by the referenced value with its JSON type ({@code
 * "{body:/items}"} becomes the client's array); other strings get the values spliced in as text.
 */
public final class BodyTemplates {
  private BodyTemplates() {}

  /** Adds the templates of every string in {@code node} to {@code out} (validates them). */
  public static void collect(JsonNode node, List<Template> out) {
    if (node.isTextual()) {
      out.add(Template.parse(node.textValue()));
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, out));
    }
  }

  /** A copy of {@code node} with every reference resolved. */
  public static JsonNode render(JsonNode node, Resolver resolver) {
    if (node.isTextual()) {
      Template template = Template.parse(node.textValue());
      Ref sole = template.soleRef();
      return sole != null
          ? resolver.node(sole)
          : Json.NODES.textNode(template.render(resolver, (ref, value) -> value));
    }
    if (node.isObject()) {
      ObjectNode copy = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(field.getKey(), render(field.getValue(), resolver));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.NODES.arrayNode(node.size());
      node.forEach(child -> copy.add(render(child, resolver)));
      return copy;
    }
    return node;
  }
}
