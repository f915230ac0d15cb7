package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A configuration object being read: typed getters that report wrong types at the key's line, never
 * echoing the value (it may be a secret), and setters that hand a value to a builder method and
 * report what the builder refuses at the same place. Unknown keys are reported on creation.
 */
final class Obj {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)");

  final Ctx ctx;
  final String path;
  final JsonNode node;
  final Shape shape;

  /**
   * Problems already reported when this object was opened: more since means it is wrong somewhere.
   */
  private final int mark;

  private boolean unknownKeys;

  private Obj(Ctx ctx, String path, JsonNode node, Shape shape) {
    this.ctx = ctx;
    this.path = path;
    this.node = node;
    this.shape = shape;
    this.mark = ctx.problemCount();
  }

  /** Whether a problem was reported inside this object: then its build() would only repeat it. */
  boolean broken() {
    return unknownKeys || ctx.problemCount() > mark;
  }

  /** Whether the object had keys its shape does not know (a typo may explain a missing key). */
  boolean hadUnknownKeys() {
    return unknownKeys;
  }

  /**
   * The object at {@code path}, or null (with a problem) when it is not one or breaks its shape.
   */
  static @Nullable Obj of(Ctx ctx, String path, JsonNode node, Shape shape) {
    if (!node.isObject()) {
      ctx.problem(path, "expected an object, got " + kind(node));
      return null;
    }
    Obj obj = new Obj(ctx, path, node, shape);
    int known = 0;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (shape.allows(key)) {
        known++;
      } else {
        obj.unknownKeys = true;
        ctx.problem(
            Tree.child(path, key),
            "unknown key '"
                + key
                + "'"
                + suggestion(key, shape)
                + " (expected "
                + (shape.exactlyOne() ? "one of" : "any of")
                + ": "
                + String.join(", ", shape.keys())
                + ")");
      }
    }
    if (shape.exactlyOne() && known != 1) {
      if (known == node.size()) {
        ctx.problem(
            path,
            (known == 0 ? "expected one of " : "expected only one of ")
                + String.join(", ", shape.keys())
                + (known == 0 ? "" : ", got " + known));
      }
      return null;
    }
    return obj;
  }

  static String kind(JsonNode node) {
    return node.isTextual()
        ? "a string"
        : node.isIntegralNumber()
            ? "a whole number"
            : node.isNumber()
                ? "a number"
                : node.isBoolean()
                    ? "true/false"
                    : node.isArray()
                        ? "a list"
                        : node.isObject()
                            ? "an object"
                            : node.isNull() ? "null" : "a value of another kind";
  }

  private static String suggestion(String key, Shape shape) {
    String best = null;
    int bestDistance = 3;
    for (String k : shape.keys()) {
      int d =
          distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best == null ? "" : ", did you mean '" + best + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  String at(String key) {
    check(key);
    return Tree.child(path, key);
  }

  boolean has(String key) {
    check(key);
    return node.has(key);
  }

  /** The single key of a one-of object. */
  String choice() {
    return node.fieldNames().next();
  }

  @Nullable JsonNode raw(String key) {
    check(key);
    JsonNode value = node.get(key);
    return value == null ? null : value;
  }

  private void check(String key) {
    if (!shape.allows(key)) {
      throw new AssertionError("shape " + shape.name() + " has no key " + key);
    }
  }

  private @Nullable JsonNode typed(String key, boolean ok, String expected) {
    JsonNode value = raw(key);
    if (value == null) {
      return null;
    }
    if (!ok) {
      ctx.problem(at(key), "expected " + expected + ", got " + kind(value));
      return null;
    }
    return value;
  }

  @Nullable String string(String key) {
    JsonNode v = raw(key);
    return v == null ? null : Values.string(ctx, at(key), v);
  }

  /** A string that is a secret even when written inline: masked in every message. */
  @Nullable String secret(String key) {
    String value = string(key);
    if (value != null) {
      ctx.secret(value);
    }
    return value;
  }

  @Nullable Integer integer(String key) {
    JsonNode v = raw(key);
    JsonNode t =
        typed(key, v == null || (v.isIntegralNumber() && v.canConvertToInt()), "a whole number");
    return t == null ? null : t.intValue();
  }

  @Nullable Long longValue(String key) {
    JsonNode v = raw(key);
    JsonNode t =
        typed(key, v == null || (v.isIntegralNumber() && v.canConvertToLong()), "a whole number");
    return t == null ? null : t.longValue();
  }

  @Nullable Double number(String key) {
    JsonNode v = raw(key);
    JsonNode t = typed(key, v == null || v.isNumber(), "a number");
    return t == null ? null : t.doubleValue();
  }

  @Nullable Boolean bool(String key) {
    JsonNode v = raw(key);
    JsonNode t = typed(key, v == null || v.isBoolean(), "true or false");
    return t == null ? null : t.booleanValue();
  }

  @Nullable Duration duration(String key) {
    JsonNode v = raw(key);
    if (v != null && v.isNumber()) {
      ctx.problem(
          at(key),
          "invalid duration "
              + v
              + ": a duration needs a unit: "
              + v
              + "ms, "
              + v
              + "s, "
              + v
              + "m, ...");
      return null;
    }
    String text = string(key);
    return text == null ? null : Values.duration(ctx, at(key), text);
  }

  /** Bytes: a whole number, or with a unit such as {@code 64KiB}, {@code 10MB}. */
  @Nullable Long size(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    String text = string(key);
    if (text == null) {
      return null;
    }
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      ctx.problem(
          at(key),
          "invalid size '" + text + "': use bytes or a number with B, KB, KiB, MB, MiB, GB or GiB");
      return null;
    }
    long unit =
        switch (m.group(2)) {
          case "KB" -> 1000L;
          case "KiB" -> 1024L;
          case "MB" -> 1000_000L;
          case "MiB" -> 1L << 20;
          case "GB" -> 1000_000_000L;
          case "GiB" -> 1L << 30;
          default -> 1L;
        };
    return Long.parseLong(m.group(1)) * unit;
  }

  /** A list of strings; a single string counts as a list of one. */
  @Nullable List<String> strings(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      String s = string(key);
      return s == null ? null : List.of(s);
    }
    if (!v.isArray()) {
      ctx.problem(at(key), "expected a list of strings, got " + kind(v));
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < v.size(); i++) {
      String s = Values.string(ctx, Tree.element(at(key), i), v.get(i));
      if (s == null) {
        ok = false;
      } else {
        out.add(s);
      }
    }
    return ok ? out : null;
  }

  /** A list of whole numbers; a single number counts as a list of one. */
  int @Nullable [] integers(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    List<JsonNode> items = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(items::add);
    } else {
      items.add(v);
    }
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode item = items.get(i);
      if (!item.isIntegralNumber() || !item.canConvertToInt()) {
        ctx.problem(
            v.isArray() ? Tree.element(at(key), i) : at(key),
            "expected a whole number, got " + kind(item));
        return null;
      }
      out[i] = item.intValue();
    }
    return out;
  }

  /** An object of string values, in file order. */
  @Nullable Map<String, String> stringMap(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      ctx.problem(at(key), "expected an object of names to strings, got " + kind(v));
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String s = Values.string(ctx, Tree.child(at(key), e.getKey()), e.getValue());
      if (s != null) {
        out.put(e.getKey(), s);
      }
    }
    return out;
  }

  /** The nested object, or null when absent or not an object (reported). */
  @Nullable Obj obj(String key, Shape shape) {
    JsonNode v = raw(key);
    return v == null ? null : of(ctx, at(key), v, shape);
  }

  /** The elements of a list with their paths; empty (reported) when it is not a list. */
  List<Located> list(String key) {
    JsonNode v = raw(key);
    List<Located> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      ctx.problem(at(key), "expected a list, got " + kind(v));
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(new Located(Tree.element(at(key), i), v.get(i)));
    }
    return out;
  }

  /** The members of an object of named things (upstreams, limiters...) with their paths. */
  List<Named> named(String key) {
    JsonNode v = raw(key);
    List<Named> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      ctx.problem(at(key), "expected an object of names, got " + kind(v));
      return out;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.add(new Named(e.getKey(), Tree.child(at(key), e.getKey()), e.getValue()));
    }
    return out;
  }

  // Read-and-apply: each hands a present, well-typed value to a builder method and reports a
  // refusal here.

  void string(String key, Consumer<String> setter) {
    String v = string(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v));
    }
  }

  void integer(String key, Consumer<Integer> setter) {
    Integer v = integer(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v));
    }
  }

  void longValue(String key, Consumer<Long> setter) {
    Long v = longValue(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v));
    }
  }

  void size(String key, Consumer<Long> setter) {
    Long v = size(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v));
    }
  }

  void number(String key, Consumer<Double> setter) {
    Double v = number(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v));
    }
  }

  void bool(String key, Consumer<Boolean> setter) {
    Boolean v = bool(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v));
    }
  }

  /** A flag whose builder method takes no argument: called when true. */
  void flag(String key, Runnable setter) {
    Boolean v = bool(key);
    if (Boolean.TRUE.equals(v)) {
      ctx.attempt(at(key), setter);
    }
  }

  void duration(String key, Consumer<Duration> setter) {
    Duration v = duration(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v));
    }
  }

  void strings(String key, Consumer<String[]> setter) {
    List<String> v = strings(key);
    if (v != null) {
      ctx.attempt(at(key), () -> setter.accept(v.toArray(String[]::new)));
    }
  }

  /** A value with its path. */
  record Located(String path, JsonNode node) {}

  /** A named member with its path. */
  record Named(String name, String path, JsonNode node) {}
}
