package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The one Jackson configuration the aggregation reads and writes JSON with. Numbers are kept
 * exactly as the upstream sent them: integers of any length stay integers (a 19-digit id never
 * becomes a double), decimals are parsed as {@link java.math.BigDecimal} and keep their scale.
 */
public final class Json {
  /** The factory of every node the aggregation makes. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // "1.10" stays "1.10"
          .nodeFactory(NODES)
          .build();

  private Json() {}

  /** Parses a whole document; an empty body reads as JSON null. */
  public static JsonNode parse(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return NODES.nullNode();
    }
    JsonNode node = MAPPER.readTree(bytes);
    return node == null || node.isMissingNode() ? NODES.nullNode() : node;
  }

  /** Parses JSON written by the route's author (a body template, a fallback). */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A scalar's text as it appears in the document, for templates; null for anything else. */
  public static @Nullable String scalarText(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBigDecimal()) {
      return node.decimalValue().toPlainString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return null;
  }
}
