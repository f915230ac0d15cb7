package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds the route for a request without looking at every route: host table, then a trie of path
 * segments, then the few routes left are checked for methods, headers and query in precedence
 * order. The cost depends on the path's depth and the routes sharing its pattern, not on how many
 * routes there are.
 */
public final class RouteIndex {
  private final Map<String, PathTrie> exactHosts = new HashMap<>();
  private final Map<String, PathTrie> wildcardHosts = new HashMap<>();
  private final PathTrie anyHost = new PathTrie();
  private final List<CompiledRoute> ordered;

  private RouteIndex(List<CompiledRoute> ordered) {
    this.ordered = ordered;
    for (int rank = 0; rank < ordered.size(); rank++) {
      CompiledRoute route = ordered.get(rank);
      trieFor(route.host()).add(route, rank);
    }
  }

  /** Indexes the routes; precedence is fixed here, once. */
  public static RouteIndex build(List<CompiledRoute> routes) {
    List<CompiledRoute> ordered = new ArrayList<>(routes);
    ordered.sort(CompiledRoute.PRECEDENCE);
    return new RouteIndex(List.copyOf(ordered));
  }

  /** Routes in precedence order: the order in which they are tried. */
  public List<CompiledRoute> ordered() {
    return ordered;
  }

  /**
   * One message per route that can never match because a route before it takes all its requests.
   */
  public List<String> shadowedRoutes() {
    Map<String, List<CompiledRoute>> byShape = new LinkedHashMap<>();
    for (CompiledRoute r : ordered) {
      byShape.computeIfAbsent(r.host() + " " + r.path().shape(), k -> new ArrayList<>()).add(r);
    }
    List<String> problems = new ArrayList<>();
    for (List<CompiledRoute> group : byShape.values()) {
      for (int j = 1; j < group.size(); j++) {
        for (int i = 0; i < j; i++) {
          if (group.get(j).isCoveredBy(group.get(i))) {
            problems.add(
                "route '"
                    + group.get(j).route().id()
                    + "' can never match: route '"
                    + group.get(i).route().id()
                    + "' comes first and matches every request it would");
            break;
          }
        }
      }
    }
    return problems;
  }

  /**
   * The best route for the request, or null when no route's path, host and conditions match.
   *
   * @param canonicalPath the request's path as {@link PathNormalizer#canonical} returned it
   * @throws GatewayException 405 when routes match the path but none allows the method
   */
  public @Nullable RouteMatch match(Request request, String canonicalPath) {
    String[] segments = PathNormalizer.segments(canonicalPath);
    List<Entry> candidates = new ArrayList<>(4);
    collectCandidates(request.host(), segments, candidates);
    QueryParameters query = new QueryParameters(request.query());
    Entry best = null;
    TreeSet<String> allowed = null;
    for (Entry e : candidates) {
      if (best != null && e.rank > best.rank) {
        continue;
      }
      if (!e.route.acceptsConditions(request, query)) {
        continue;
      }
      if (e.route.acceptsMethod(request.method())) {
        best = e;
      } else {
        allowed = allowed == null ? new TreeSet<>() : allowed;
        allowed.addAll(e.route.methods());
      }
    }
    if (best != null) {
      return new RouteMatch(best.route, best.route.path().variables(segments));
    }
    if (allowed != null) {
      if (allowed.contains("GET")) {
        allowed.add("HEAD");
      }
      String allow = String.join(", ", allowed);
      throw GatewayException.methodNotAllowed(
          "method " + request.method() + " is not allowed here; allowed: " + allow, allow);
    }
    return null;
  }

  private void collectCandidates(String host, String[] segments, List<Entry> out) {
    PathTrie exact = exactHosts.get(host);
    if (exact != null) {
      exact.collect(segments, out);
    }
    if (!wildcardHosts.isEmpty()) {
      for (int dot = host.indexOf('.'); dot > 0; dot = host.indexOf('.', dot + 1)) {
        PathTrie wildcard = wildcardHosts.get(host.substring(dot));
        if (wildcard != null) {
          wildcard.collect(segments, out);
        }
      }
    }
    anyHost.collect(segments, out);
  }

  private PathTrie trieFor(HostPattern host) {
    return switch (host.kind()) {
      case ANY -> anyHost;
      case EXACT -> exactHosts.computeIfAbsent(host.value(), k -> new PathTrie());
      case WILDCARD -> wildcardHosts.computeIfAbsent(host.value(), k -> new PathTrie());
    };
  }

  /** Path segments to routes: literal children, one variable child, and '**' routes per node. */
  private static final class PathTrie {
    private final Node root = new Node();

    void add(CompiledRoute route, int rank) {
      Entry entry = new Entry(route, rank);
      PathPattern p = route.path();
      Node node = root;
      for (int i = 0; i < p.length(); i++) {
        switch (p.kind(i)) {
          case PathPattern.LITERAL ->
              node = node.literals.computeIfAbsent(p.literal(i), k -> new Node());
          case PathPattern.VARIABLE ->
              node = node.variable == null ? (node.variable = new Node()) : node.variable;
          default -> {
            node.tail.add(entry);
            return;
          }
        }
      }
      node.exact.add(entry);
    }

    void collect(String[] segments, List<Entry> out) {
      collect(root, segments, 0, out);
    }

    private void collect(Node node, String[] segments, int i, List<Entry> out) {
      out.addAll(node.tail);
      if (i == segments.length) {
        out.addAll(node.exact);
        return;
      }
      Node literal = node.literals.get(segments[i]);
      if (literal != null) {
        collect(literal, segments, i + 1, out);
      }
      if (node.variable != null) {
        collect(node.variable, segments, i + 1, out);
      }
    }
  }

  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    @Nullable Node variable;
    final List<Entry> exact = new ArrayList<>(1);
    final List<Entry> tail = new ArrayList<>(1);
  }

  /** A route with its place in the precedence order. */
  private record Entry(CompiledRoute route, int rank) {}
}
