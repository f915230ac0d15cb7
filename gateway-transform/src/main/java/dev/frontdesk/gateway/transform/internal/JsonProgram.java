package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.frontdesk.gateway.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a {@code JsonTransform}, in the order they were added. Template values are resolved
 * against the request once, before the body is read (or, for a response, before the request goes
 * upstream), so a missing value is refused without an upstream call.
 */
public final class JsonProgram {
  /**
   * The mapper every transform shares, configured as aggregation's: numbers stay exactly as sent (a
   * 20-digit id stays an integer, {@code 1.10} keeps its scale) and trailing text after the
   * document is an error, not ignored.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final List<Step> steps = new ArrayList<>();
  private final List<Template> templates = new ArrayList<>();
  private final ReadPlan plan = new ReadPlan();
  private boolean wholeTree; // a function step sees the whole document

  /** One step; {@code values} are the templates' values for this request. */
  private interface Step {
    JsonNode apply(JsonNode doc, List<JsonNode> values);
  }

  public void put(JsonPointer pointer, JsonNode value, boolean insert) {
    plan.target(pointer);
    steps.add((doc, values) -> JsonPointers.put(doc, pointer, value.deepCopy(), insert, !insert));
  }

  public void putTemplate(JsonPointer pointer, Template template) {
    int index = templates.size();
    templates.add(template);
    plan.target(pointer);
    steps.add((doc, values) -> JsonPointers.put(doc, pointer, values.get(index), false, true));
  }

  public void remove(JsonPointer pointer) {
    plan.target(pointer);
    steps.add(
        (doc, values) -> {
          JsonPointers.remove(doc, pointer);
          return doc;
        });
  }

  public void rename(JsonPointer pointer, String newName) {
    plan.relocated(pointer);
    steps.add(
        (doc, values) -> {
          JsonPointers.rename(doc, pointer, newName);
          return doc;
        });
  }

  public void move(JsonPointer from, JsonPointer to) {
    plan.relocated(from);
    plan.target(to);
    steps.add(
        (doc, values) -> {
          JsonNode moved = JsonPointers.remove(doc, from);
          return moved == null ? doc : JsonPointers.put(doc, to, moved, false, true);
        });
  }

  public void function(UnaryOperator<JsonNode> function) {
    wholeTree = true;
    steps.add(
        (doc, values) ->
            Objects.requireNonNull(
                function.apply(doc), () -> "the JSON function " + function + " returned null"));
  }

  /**
   * Which parts of a body the steps can reach, or null when a function step needs the whole tree.
   */
  public @Nullable ReadPlan plan() {
    return wholeTree ? null : plan;
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The templates' values for this request; throws GatewayException for a missing one. */
  public List<JsonNode> resolve(Request request) {
    if (templates.isEmpty()) {
      return List.of();
    }
    List<JsonNode> values = new ArrayList<>(templates.size());
    for (Template template : templates) {
      values.add(template.resolve(request, MAPPER));
    }
    return values;
  }

  /** Runs every step over {@code doc}, which it may change in place; returns the result. */
  public JsonNode run(JsonNode doc, List<JsonNode> values) {
    JsonNode result = doc;
    for (Step step : steps) {
      result = step.apply(result, values);
    }
    return result;
  }
}
