package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.aggregation.Aggregation;
import dev.frontdesk.gateway.aggregation.CollisionPolicy;
import dev.frontdesk.gateway.aggregation.Leg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A route's {@code aggregate:} onto {@link Aggregation.Builder} and its {@link Leg}s. */
final class AggregationMapper {
  private static final Pattern LEG_PROBLEM = Pattern.compile("leg '([^']+)'.*");

  private final Ctx ctx;
  private final Set<String> upstreams;

  AggregationMapper(Ctx ctx, Set<String> upstreams) {
    this.ctx = ctx;
    this.upstreams = upstreams;
  }

  @Nullable Aggregation aggregation(Obj o) {
    Aggregation.Builder b = Aggregation.builder();
    ctx.watch(b::problems, o.path);
    Map<String, String> legPaths = new LinkedHashMap<>();
    List<Obj.Named> legs = o.named("legs");
    if (legs.isEmpty()) {
      ctx.problem(o.path, "an aggregation needs at least one leg under 'legs'");
      return null;
    }
    int before = problemCount();
    for (Obj.Named n : legs) {
      legPaths.put(n.name(), n.path());
      Obj leg = Obj.of(ctx, n.path(), n.node(), Shapes.LEG);
      if (leg != null) {
        ctx.attempt(n.path(), () -> b.call(n.name(), l -> leg(leg, l)));
      }
    }
    o.duration("timeout", b::timeout);
    o.size("maxResponseBytes", b::maxResponseBytes);
    o.size("maxRequestBodyBytes", b::maxRequestBodyBytes);
    o.strings("forwardHeaders", b::forwardHeaders);
    Map<String, String> headers = o.stringMap("headers");
    if (headers != null) {
      headers.forEach(
          (name, value) ->
              ctx.attempt(Tree.child(o.at("headers"), name), () -> b.header(name, value)));
    }
    String collision = o.string("onCollision");
    if (collision != null) {
      switch (collision) {
        case "namespace" -> b.onCollision(CollisionPolicy.NAMESPACE);
        case "first-wins" -> b.onCollision(CollisionPolicy.FIRST_WINS);
        case "deep-merge" -> b.onCollision(CollisionPolicy.DEEP_MERGE);
        case "append" -> b.onCollision(CollisionPolicy.APPEND);
        default ->
            ctx.problem(
                o.at("onCollision"),
                "expected namespace, first-wins, deep-merge or append, got '" + collision + "'");
      }
    }
    o.string("statusBlock", b::statusBlock);
    if (problemCount() > before) {
      return null; // a leg already failed: the whole-plan check would only repeat it
    }
    Aggregation aggregation = b.build();
    try {
      // The plan's problems surface when it is made into a handler; every upstream name was
      // checked above, so a stand-in for them finds only the plan's own, each placed at its leg.
      aggregation.create(name -> request -> Response.of(502));
      return aggregation;
    } catch (GatewayConfigException e) {
      for (String problem : e.problems()) {
        Matcher m = LEG_PROBLEM.matcher(problem);
        String at =
            m.matches() && legPaths.containsKey(m.group(1)) ? legPaths.get(m.group(1)) : o.path;
        ctx.problem(at, problem);
      }
      return null;
    }
  }

  private int problemCount() {
    return ctx.problemCount();
  }

  private void leg(Obj o, Leg l) {
    ctx.watch(l::problems, o.path);
    String method = o.has("method") ? o.string("method") : "GET";
    String upstream = o.string("upstream");
    String target = o.string("target");
    if (!o.has("upstream") || !o.has("target")) {
      ctx.problem(o.path, "a leg needs an upstream and a target");
    }
    if (upstream != null && !upstreams.contains(upstream)) {
      ctx.problem(
          o.at("upstream"),
          "unknown upstream '" + upstream + "' (declared: " + String.join(", ", upstreams) + ")");
    }
    if (method != null && upstream != null && target != null) {
      ctx.attempt(o.at("target"), () -> l.request(method, upstream, target));
    }
    JsonNode body = o.raw("body");
    if (body != null) {
      ctx.attempt(o.at("body"), () -> l.body(body.toString()));
    }
    JsonNode forwardBody = o.raw("forwardBody");
    if (forwardBody != null) {
      if (forwardBody.isBoolean()) {
        if (forwardBody.booleanValue()) {
          l.forwardBody();
        }
      } else {
        o.string("forwardBody", l::forwardBody);
      }
    }
    o.duration("timeout", l::timeout);
    Boolean optional = o.bool("optional");
    JsonNode fallback = o.raw("fallback");
    if (fallback != null) {
      if (Boolean.FALSE.equals(optional)) {
        ctx.problem(o.at("fallback"), "a fallback makes the leg optional: drop 'optional: false'");
      }
      ctx.attempt(o.at("fallback"), () -> l.optional(fallback));
    } else if (Boolean.TRUE.equals(optional)) {
      l.optional();
    }
    int[] passThrough = o.integers("passThrough");
    if (passThrough != null) {
      ctx.attempt(o.at("passThrough"), () -> l.passThrough(passThrough));
    }
    o.size("maxResponseBytes", l::maxResponseBytes);
    Map<String, String> headers = o.stringMap("headers");
    if (headers != null) {
      headers.forEach(
          (name, value) ->
              ctx.attempt(Tree.child(o.at("headers"), name), () -> l.header(name, value)));
    }
    o.strings("forwardHeaders", l::forwardHeaders);
    o.flag("forwardCredentials", l::forwardCredentials);
    Obj forEach = o.obj("forEach", Shapes.FOR_EACH);
    if (forEach != null) {
      String leg = forEach.string("leg");
      String pointer = forEach.string("pointer");
      if (leg != null && pointer != null) {
        ctx.attempt(forEach.path, () -> l.forEach(leg, pointer));
      } else if (!forEach.has("leg") || !forEach.has("pointer")) {
        ctx.problem(forEach.path, "forEach needs a leg and a pointer");
      }
    }
    o.integer("concurrency", l::concurrency);
    o.integer("maxItems", l::maxItems);
    o.string("select", l::select);
    o.strings("include", l::include);
    o.strings("exclude", l::exclude);
    Map<String, String> renames = o.stringMap("rename");
    if (renames != null) {
      renames.forEach(
          (from, to) -> ctx.attempt(Tree.child(o.at("rename"), from), () -> l.rename(from, to)));
    }
    o.string("as", l::as);
    o.flag("merge", l::merge);
  }
}
