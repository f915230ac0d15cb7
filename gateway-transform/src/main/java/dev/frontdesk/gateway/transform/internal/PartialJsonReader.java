package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.ClassUtil;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON body into a tree built only where a {@link ReadPlan} says steps can reach; every
 * other object or array is skipped by the parser and kept as its bytes ({@link RawJson}). Skipping
 * still tokenizes and checks everything, so a body is refused exactly as a full read refuses it
 * (same messages, same line and column), and scalars are read as {@link JsonProgram#MAPPER} reads
 * them (floats as {@code BigDecimal} with their scale, integers exactly).
 */
final class PartialJsonReader {
  private static final JsonNodeFactory NODES = JsonProgram.MAPPER.getNodeFactory();

  private final JsonParser parser;
  private final byte[] body;

  private PartialJsonReader(JsonParser parser, byte[] body) {
    this.parser = parser;
    this.body = body;
  }

  /**
   * The document, or a MissingNode when the body holds no value; throws what Jackson throws. A body
   * in UTF-16 or UTF-32 is read whole: its parser counts characters, not indexes into {@code body}.
   */
  static JsonNode read(byte[] body, ReadPlan plan) throws IOException {
    try (JsonParser parser = JsonProgram.MAPPER.createParser(body)) {
      if (!(parser instanceof UTF8StreamJsonParser)) {
        return JsonProgram.MAPPER.readTree(body);
      }
      if (parser.nextToken() == null) {
        return NODES.missingNode();
      }
      JsonNode doc = new PartialJsonReader(parser, body).value(plan.root(), false);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) { // worded as DeserializationFeature.FAIL_ON_TRAILING_TOKENS words it
        throw MismatchedInputException.from(
            parser,
            JsonNode.class,
            "Trailing token (of type "
                + trailing
                + ") found after value (bound as "
                + ClassUtil.nameOf(JsonNode.class)
                + "): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
      }
      return doc;
    }
  }

  /** The value at the current token; {@code deep}: everything under it is built. */
  private JsonNode value(ReadPlan.@Nullable Node plan, boolean deep) throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return scalar(token);
    }
    if (plan == null && !deep) {
      return raw();
    }
    boolean all =
        deep || plan == null || plan.deep || (token == JsonToken.START_ARRAY && plan.deepIfArray);
    ReadPlan.@Nullable Node below = all ? null : plan;
    return token == JsonToken.START_OBJECT ? object(below, all) : array(below, all);
  }

  /** An object; {@code plan} is null when everything under it is built. */
  private ObjectNode object(ReadPlan.@Nullable Node plan, boolean all) throws IOException {
    ObjectNode object = NODES.objectNode();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      object.set(name, value(plan == null ? null : plan.child(name), all));
    }
    return object;
  }

  /** An array; {@code plan} is null when everything under it is built. */
  private ArrayNode array(ReadPlan.@Nullable Node plan, boolean all) throws IOException {
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
      array.add(value(plan == null ? null : plan.element(i), all));
    }
    return array;
  }

  /** The container at the current token, skipped (and so checked) by the parser, as its bytes. */
  private JsonNode raw() throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    parser.skipChildren();
    int end = (int) parser.currentLocation().getByteOffset();
    return NODES.rawValueNode(new RawValue(new RawJson(body, start, end)));
  }

  /** As Jackson's JsonNodeDeserializer reads a scalar under MAPPER's features. */
  private JsonNode scalar(JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IllegalStateException("unexpected JSON token " + token);
    };
  }
}
