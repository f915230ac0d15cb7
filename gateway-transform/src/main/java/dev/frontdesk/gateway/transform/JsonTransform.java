package dev.frontdesk.gateway.transform;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.transform.internal.JsonPointers;
import dev.frontdesk.gateway.transform.internal.JsonProgram;
import dev.frontdesk.gateway.transform.internal.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Edits of a JSON document, run in the order they were added, each at an RFC 6901 JSON Pointer.
 * Give it to {@link RequestTransform.Builder#json} or {@link ResponseTransform.Builder#json}.
 *
 * <pre>{@code
 * JsonTransform shape = JsonTransform.builder()
 *     .remove("/internal")
 *     .rename("/user_name", "userName")
 *     .move("/address/city", "/city")
 *     .set("/source", "gateway")
 *     .template("/requestedBy", "{identity.sub}")
 *     .build();
 * }</pre>
 *
 * <p>An edit whose target is absent does nothing ({@code remove("/x")} on a body without {@code x},
 * a {@code rename} of a missing member): a transform never fails because of the shape of a body.
 * {@code set}, {@code template} and {@code move} create missing parent objects on the way.
 */
public final class JsonTransform {
  private final List<Consumer<JsonProgram>> steps;
  private final String description;

  private JsonTransform(List<Consumer<JsonProgram>> steps, String description) {
    this.steps = steps;
    this.description = description;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A fresh program of these steps, for one transform middleware. */
  JsonProgram program() {
    JsonProgram program = new JsonProgram();
    steps.forEach(step -> step.accept(program));
    return program;
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Builds a {@link JsonTransform}. A step with a bad argument (a pointer that does not parse, JSON
   * that is not JSON) does not throw where it is given (a null does, {@link NullPointerException}):
   * it is recorded and left out, and {@link #build()} throws one {@link GatewayConfigException}
   * listing every mistake.
   */
  public static final class Builder {
    private final List<Consumer<JsonProgram>> steps = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final BuilderProblems problems = new BuilderProblems("JsonTransform: ");

    private Builder() {}

    /**
     * The mistakes recorded so far: a bad step is recorded instead of thrown, and {@link #build()}
     * throws them all. For tools that point at their own input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /** Puts the string at {@code pointer}, replacing what is there, creating missing parents. */
    public Builder set(String pointer, String value) {
      Objects.requireNonNull(value, "value");
      return put("set", pointer, () -> TextNode.valueOf(value), false);
    }

    /**
     * Puts a JSON value ({@code "42"}, {@code "true"}, {@code "{\"a\":[1]}"}, {@code "null"}) like
     * {@link #set}.
     */
    public Builder setJson(String pointer, String json) {
      Objects.requireNonNull(json, "json");
      return put("setJson", pointer, () -> parse("setJson", json), false);
    }

    /**
     * RFC 6902's add: puts the string as an object member, or inserts it into an array before the
     * index ({@code -} appends). Unlike {@code set}, the parent must already exist.
     */
    public Builder add(String pointer, String value) {
      Objects.requireNonNull(value, "value");
      return put("add", pointer, () -> TextNode.valueOf(value), true);
    }

    /** {@link #add} with a JSON value. */
    public Builder addJson(String pointer, String json) {
      Objects.requireNonNull(json, "json");
      return put("addJson", pointer, () -> parse("addJson", json), true);
    }

    /**
     * Sets the value of a template over the request: {@code {id}} or {@code {path.id}} (a path
     * variable), {@code {query.q}}, {@code {header.Name}}, {@code {identity.sub}}, {@code
     * {identity.consumer}}, {@code {identity.authenticatedBy}}, {@code {identity.claim.tenant}}. A
     * template that is exactly one reference keeps the value's type (a numeric claim stays a
     * number); otherwise it is a string. A value the request lacks is a 400 (401 for identity
     * values).
     */
    public Builder template(String pointer, String template) {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(template, "template");
      return step(
          () -> {
            JsonPointer p = JsonPointers.compile("template", pointer);
            Template t = Template.parse(template);
            return named("template(" + pointer + ")", program -> program.putTemplate(p, t));
          });
    }

    /** Removes the value at {@code pointer}, a member or an array element. */
    public Builder remove(String pointer) {
      Objects.requireNonNull(pointer, "pointer");
      return step(
          () -> {
            JsonPointer p = JsonPointers.compile("remove", pointer);
            if (p.matches()) {
              throw new IllegalArgumentException(
                  "remove: the empty pointer names the whole document");
            }
            return named("remove(" + pointer + ")", program -> program.remove(p));
          });
    }

    /**
     * Renames the object member at {@code pointer}, keeping its place; a member already named so is
     * replaced.
     */
    public Builder rename(String pointer, String newName) {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(newName, "newName");
      return step(
          () -> {
            JsonPointer p = JsonPointers.compile("rename", pointer);
            if (p.matches() || newName.isEmpty()) {
              throw new IllegalArgumentException(
                  "rename: needs a member's pointer and a non-empty new name");
            }
            return named(
                "rename(" + pointer + " -> " + newName + ")",
                program -> program.rename(p, newName));
          });
    }

    /**
     * Moves the value at {@code from} to {@code to} (creating missing parents); nothing when
     * absent.
     */
    public Builder move(String from, String to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return step(
          () -> {
            JsonPointer f = JsonPointers.compile("move", from);
            JsonPointer t = JsonPointers.compile("move", to);
            if (f.matches() || (to + "/").startsWith(from + "/")) {
              throw new IllegalArgumentException("move: '" + to + "' is inside '" + from + "'");
            }
            return named("move(" + from + " -> " + to + ")", program -> program.move(f, t));
          });
    }

    /**
     * Your own function over the whole document; it may change the tree it is given and return it,
     * or return another. It runs on request threads, one document each time: it must be
     * thread-safe, and must not return null.
     */
    public Builder apply(UnaryOperator<JsonNode> function) {
      Objects.requireNonNull(function, "function");
      return step(() -> named("apply(" + function + ")", program -> program.function(function)));
    }

    /**
     * The transform.
     *
     * @throws GatewayConfigException listing every step refused, or that there is no step
     */
    public JsonTransform build() {
      problems.throwIfAny(
          !steps.isEmpty() || !problems.isEmpty()
              ? List.of()
              : List.of("a JsonTransform needs at least one step"));
      return new JsonTransform(List.copyOf(steps), "JsonTransform" + names);
    }

    private Builder put(String option, String pointer, Supplier<JsonNode> value, boolean insert) {
      Objects.requireNonNull(pointer, "pointer");
      return step(
          () -> {
            JsonPointer p = JsonPointers.compile(option, pointer);
            JsonNode v = value.get();
            return named(option + "(" + pointer + ")", program -> program.put(p, v, insert));
          });
    }

    /**
     * Checks a step's arguments, as {@code make} does; adds the step, or records what it refused.
     */
    private Builder step(Supplier<Named> make) {
      problems.check(
          () -> {
            Named step = make.get();
            names.add(step.name());
            steps.add(step.step());
          });
      return this;
    }

    private static Named named(String name, Consumer<JsonProgram> step) {
      return new Named(name, step);
    }

    private record Named(String name, Consumer<JsonProgram> step) {}

    private static JsonNode parse(String option, String json) {
      try {
        JsonNode node = JsonProgram.MAPPER.readTree(json);
        if (node == null || node.isMissingNode()) {
          throw new IllegalArgumentException(option + ": not JSON: '" + json + "'");
        }
        return node;
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(option + ": not JSON: " + e.getOriginalMessage(), e);
      }
    }
  }
}
