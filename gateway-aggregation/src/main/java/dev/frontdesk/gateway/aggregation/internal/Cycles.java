package dev.frontdesk.gateway.aggregation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders legs after their dependencies and reports each dependency cycle with its path. */
final class Cycles {
  private enum Mark {
    VISITING,
    DONE
  }

  private Cycles() {}

  static List<LegSpec> order(
      List<LegSpec> legs, Map<String, Set<String>> deps, List<String> problems) {
    Map<String, LegSpec> byName = new LinkedHashMap<>();
    legs.forEach(leg -> byName.put(leg.name, leg));
    Map<String, Mark> marks = new HashMap<>();
    List<LegSpec> order = new ArrayList<>();
    for (LegSpec leg : legs) {
      visit(leg.name, byName, deps, marks, new ArrayList<>(), order, problems);
    }
    return order;
  }

  private static void visit(
      String name,
      Map<String, LegSpec> byName,
      Map<String, Set<String>> deps,
      Map<String, Mark> marks,
      List<String> path,
      List<LegSpec> order,
      List<String> problems) {
    LegSpec leg = byName.get(name);
    if (leg == null || marks.get(name) == Mark.DONE) {
      return;
    }
    path.add(name);
    if (marks.get(name) == Mark.VISITING) {
      List<String> cycle = path.subList(path.indexOf(name), path.size());
      problems.add("legs depend on each other in a cycle: " + String.join(" -> ", cycle));
      path.remove(path.size() - 1);
      return;
    }
    marks.put(name, Mark.VISITING);
    for (String dep : deps.getOrDefault(name, Set.of())) {
      visit(dep, byName, deps, marks, path, order, problems);
    }
    marks.put(name, Mark.DONE);
    order.add(leg);
    path.remove(path.size() - 1);
  }
}
