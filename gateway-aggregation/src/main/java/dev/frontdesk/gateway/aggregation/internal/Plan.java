package dev.frontdesk.gateway.aggregation.internal;

import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.aggregation.CollisionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A checked aggregation: legs with their dependencies, in an order where every leg comes after the
 * legs it reads. Building one finds every problem at once (unknown references, cycles, merge
 * collisions) so that a broken aggregation fails when the gateway is built, never per request.
 */
public final class Plan {
  private final List<LegSpec> legs;
  private final Map<String, Set<String>> dependencies;
  private final List<LegSpec> order;
  private final boolean readsBody;

  private Plan(
      List<LegSpec> legs,
      Map<String, Set<String>> dependencies,
      List<LegSpec> order,
      boolean readsBody) {
    this.legs = legs;
    this.dependencies = dependencies;
    this.order = order;
    this.readsBody = readsBody;
  }

  /**
   * @param policy the declared collision policy, or null when collisions must be impossible
   * @param statusKey the key of the per-leg status block, or null for none
   * @param custom true when a custom composer replaces nesting and merging
   * @throws GatewayConfigException listing every problem found, each naming its leg
   */
  public static Plan of(
      List<LegSpec> legs,
      @Nullable CollisionPolicy policy,
      @Nullable String statusKey,
      boolean custom) {
    List<String> problems = new ArrayList<>();
    Map<String, LegSpec> byName = new LinkedHashMap<>();
    legs.forEach(leg -> byName.put(leg.name, leg));
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    boolean readsBody = false;
    for (LegSpec leg : legs) {
      deps.put(leg.name, dependencies(leg, byName, problems));
      readsBody |=
          leg.templates().stream()
              .anyMatch(t -> t.refs().stream().anyMatch(r -> r.kind() == Ref.Kind.BODY));
    }
    List<LegSpec> order = Cycles.order(legs, deps, problems);
    if (!custom) {
      Collisions.check(legs, policy, statusKey, problems);
    }
    if (legs.isEmpty()) {
      problems.add("an aggregation needs at least one call(...)");
    }
    if (!problems.isEmpty()) {
      throw new GatewayConfigException(problems);
    }
    return new Plan(List.copyOf(legs), deps, order, readsBody);
  }

  private static Set<String> dependencies(
      LegSpec leg, Map<String, LegSpec> byName, List<String> problems) {
    Set<String> deps = new LinkedHashSet<>();
    String where = "leg '" + leg.name + "'";
    if (leg.target == null) {
      problems.add(where + " has no request: call get/post/put/delete(upstream, target)");
    }
    if (leg.forEachLeg != null) {
      if (requireLeg(leg, leg.forEachLeg, byName, problems, "forEach")) {
        deps.add(leg.forEachLeg);
      }
    }
    for (Template template : leg.templates()) {
      for (Ref ref : template.refs()) {
        if (ref.kind() == Ref.Kind.LEG) {
          if (requireLeg(leg, ref.name(), byName, problems, "reference " + ref)) {
            deps.add(ref.name());
          }
        } else if (ref.kind() == Ref.Kind.ITEM && leg.forEachLeg == null) {
          problems.add(where + " uses " + ref + " but is not a forEach(...) leg");
        }
      }
    }
    return deps;
  }

  private static boolean requireLeg(
      LegSpec leg, String name, Map<String, LegSpec> byName, List<String> problems, String what) {
    if (name.equals(leg.name)) {
      problems.add("leg '" + leg.name + "': " + what + " refers to the leg itself");
      return false;
    }
    if (!byName.containsKey(name)) {
      problems.add(
          "leg '"
              + leg.name
              + "': "
              + what
              + " refers to unknown leg '"
              + name
              + "' (declared: "
              + byName.keySet()
              + ")");
      return false;
    }
    return true;
  }

  /** Legs in declaration order. */
  public List<LegSpec> legs() {
    return legs;
  }

  /** Legs ordered so that each comes after the legs it depends on. */
  public List<LegSpec> order() {
    return order;
  }

  /** The legs whose results {@code leg} reads. */
  public Set<String> dependencies(String leg) {
    return dependencies.getOrDefault(leg, Set.of());
  }

  /** True when some leg reads the client's JSON body. */
  public boolean readsBody() {
    return readsBody;
  }
}
