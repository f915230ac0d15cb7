package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.transform.CompressedBody;
import dev.frontdesk.gateway.transform.JsonTransform;
import dev.frontdesk.gateway.transform.OverLimit;
import dev.frontdesk.gateway.transform.RequestTransform;
import dev.frontdesk.gateway.transform.ResponseCompression;
import dev.frontdesk.gateway.transform.ResponseTransform;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code requestTransform}, {@code responseTransform} and {@code compression} middleware entries
 * onto gateway-transform's builders. Loaded only once gateway-transform is known to be on the class
 * path. A transform's name defaults to where it is declared ({@code routes[3].use[1]}), which its
 * errors then name.
 */
final class TransformMapper {
  private final Ctx ctx;

  TransformMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  @Nullable Middleware request(Obj o) {
    RequestTransform.Builder[] holder = new RequestTransform.Builder[1];
    if (!ctx.attempt(o.path, () -> holder[0] = RequestTransform.builder(name(o)))) {
      return null;
    }
    RequestTransform.Builder b = holder[0];
    ctx.watch(b::problems, o.path);
    o.string("method", b::method);
    pairs(o, "addQuery", Shapes.HEADER_VALUE, "name", "value", b::addQuery);
    pairs(o, "setQuery", Shapes.HEADER_VALUE, "name", "value", b::setQuery);
    List<String> removed = o.strings("removeQuery");
    if (removed != null) {
      removed.forEach(name -> ctx.attempt(o.at("removeQuery"), () -> b.removeQuery(name)));
    }
    pairs(o, "renameQuery", Shapes.FROM_TO, "from", "to", b::renameQuery);
    JsonTransform json = json(o);
    if (json != null) {
      ctx.attempt(o.at("json"), () -> b.json(json));
    }
    o.string("jsonToXml", b::jsonToXml);
    o.size("maxBodySize", b::maxBodySize);
    overLimit(o, b::overLimit);
    compressedBody(o, b::compressedBody);
    RequestTransform[] out = new RequestTransform[1];
    return !o.broken() && ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }

  @Nullable Middleware response(Obj o) {
    ResponseTransform.Builder[] holder = new ResponseTransform.Builder[1];
    if (!ctx.attempt(o.path, () -> holder[0] = ResponseTransform.builder(name(o)))) {
      return null;
    }
    ResponseTransform.Builder b = holder[0];
    ctx.watch(b::problems, o.path);
    JsonTransform json = json(o);
    if (json != null) {
      ctx.attempt(o.at("json"), () -> b.json(json));
    }
    JsonNode xml = o.raw("xmlToJson");
    if (xml != null && xml.isBoolean()) {
      if (xml.booleanValue()) {
        ctx.attempt(o.at("xmlToJson"), () -> b.xmlToJson());
      }
    } else {
      o.strings("xmlToJson", b::xmlToJson); // the element names that are always arrays
    }
    o.flag("anyStatus", b::anyStatus);
    o.size("maxBodySize", b::maxBodySize);
    overLimit(o, b::overLimit);
    compressedBody(o, b::compressedBody);
    ResponseTransform[] out = new ResponseTransform[1];
    return !o.broken() && ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }

  /** {@code compression: true} (the defaults) or {@code {minimumSize, mediaTypes, level}}. */
  @Nullable Middleware compression(Obj entry) {
    JsonNode node = entry.raw("compression");
    if (node != null && node.isBoolean()) {
      if (!node.booleanValue()) {
        ctx.problem(
            entry.at("compression"), "only true is meaningful here: remove the entry instead");
        return null;
      }
      return ResponseCompression.gzip();
    }
    Obj o = entry.obj("compression", Shapes.COMPRESSION);
    if (o == null) {
      return null;
    }
    ResponseCompression.Builder b = ResponseCompression.builder();
    ctx.watch(b::problems, o.path);
    o.size("minimumSize", b::minimumSize);
    o.strings("mediaTypes", b::mediaTypes);
    o.integer("level", b::level);
    ResponseCompression[] out = new ResponseCompression[1];
    return !o.broken() && ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }

  private static String name(Obj o) {
    JsonNode name = o.raw("name");
    return name != null && name.isTextual() ? name.textValue() : o.path;
  }

  private void pairs(
      Obj o,
      String key,
      Shape shape,
      String first,
      String second,
      BiConsumer<String, String> setter) {
    for (Obj.Located item : o.list(key)) {
      Obj pair = Obj.of(ctx, item.path(), item.node(), shape);
      if (pair == null) {
        continue;
      }
      String a = pair.string(first);
      String b = pair.string(second);
      if (!pair.has(first) || !pair.has(second)) {
        ctx.problem(item.path(), key + " needs " + first + " and " + second);
      } else if (a != null && b != null) {
        ctx.attempt(item.path(), () -> setter.accept(a, b));
      }
    }
  }

  private void overLimit(Obj o, Consumer<OverLimit> setter) {
    String v = o.string("overLimit");
    if (v == null) {
      return;
    }
    switch (v) {
      case "pass-through" -> setter.accept(OverLimit.PASS_THROUGH);
      case "refuse" -> setter.accept(OverLimit.REFUSE);
      default -> ctx.problem(o.at("overLimit"), "expected pass-through or refuse, got '" + v + "'");
    }
  }

  private void compressedBody(Obj o, Consumer<CompressedBody> setter) {
    String v = o.string("compressedBody");
    if (v == null) {
      return;
    }
    switch (v) {
      case "decode" -> setter.accept(CompressedBody.DECODE);
      case "pass-through" -> setter.accept(CompressedBody.PASS_THROUGH);
      default ->
          ctx.problem(o.at("compressedBody"), "expected decode or pass-through, got '" + v + "'");
    }
  }

  /**
   * {@code json: [step...]}, each step one of set, setJson, add, addJson, template, remove, rename,
   * move.
   */
  private @Nullable JsonTransform json(Obj o) {
    List<Obj.Located> steps = o.list("json");
    if (steps.isEmpty()) {
      JsonNode json = o.raw("json");
      if (json != null && json.isArray()) {
        ctx.problem(o.at("json"), "json needs at least one step");
      }
      return null;
    }
    JsonTransform.Builder b = JsonTransform.builder();
    ctx.watch(b::problems, o.at("json"));
    int problems = ctx.problemCount();
    for (Obj.Located item : steps) {
      Obj step = Obj.of(ctx, item.path(), item.node(), Shapes.JSON_STEP);
      if (step != null) {
        step(step, b);
      }
    }
    return ctx.problemCount() > problems ? null : b.build();
  }

  private void step(Obj step, JsonTransform.Builder b) {
    String kind = step.choice();
    switch (kind) {
      case "set" -> pointerValue(step, kind, b::set);
      case "setJson" -> pointerValue(step, kind, b::setJson);
      case "add" -> pointerValue(step, kind, b::add);
      case "addJson" -> pointerValue(step, kind, b::addJson);
      case "template" -> pointerValue(step, kind, b::template);
      case "remove" -> step.string(kind, b::remove);
      case "rename" -> {
        Obj r = step.obj(kind, Shapes.JSON_RENAME);
        String pointer = r == null ? null : r.string("pointer");
        String to = r == null ? null : r.string("to");
        if (r != null && (!r.has("pointer") || !r.has("to"))) {
          ctx.problem(r.path, "rename needs pointer and to (the new member name)");
        } else if (r != null && pointer != null && to != null) {
          ctx.attempt(r.path, () -> b.rename(pointer, to));
        }
      }
      default -> {
        Obj m = step.obj(kind, Shapes.FROM_TO);
        String from = m == null ? null : m.string("from");
        String to = m == null ? null : m.string("to");
        if (m != null && (!m.has("from") || !m.has("to"))) {
          ctx.problem(m.path, "move needs from and to (JSON pointers)");
        } else if (m != null && from != null && to != null) {
          ctx.attempt(m.path, () -> b.move(from, to));
        }
      }
    }
  }

  private void pointerValue(Obj step, String kind, BiConsumer<String, String> setter) {
    Obj p = step.obj(kind, Shapes.POINTER_VALUE);
    if (p == null) {
      return;
    }
    String pointer = p.string("pointer");
    JsonNode raw = p.raw("value");
    // setJson and addJson take any JSON value, written as YAML or as JSON text
    String value =
        raw != null && kind.endsWith("Json") && !raw.isTextual()
            ? raw.toString()
            : p.string("value");
    if (!p.has("pointer") || !p.has("value")) {
      ctx.problem(p.path, kind + " needs pointer and value");
    } else if (pointer != null && value != null) {
      ctx.attempt(p.path, () -> setter.accept(pointer, value));
    }
  }
}
