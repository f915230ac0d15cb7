package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A route ready to serve: its conditions compiled and its whole chain (global, group and route
 * middleware, then the target) laid out in order.
 *
 * @param methods upper-case methods, empty for any; GET also admits HEAD
 */
public record CompiledRoute(
    Route route,
    PathPattern path,
    HostPattern host,
    Set<String> methods,
    List<Condition> conditions,
    int declarationIndex,
    List<Middleware> chain,
    Handler target) {

  /**
   * Most specific first (host, then path, then methods, then conditions), then declaration order.
   */
  static final Comparator<CompiledRoute> PRECEDENCE =
      Comparator.<CompiledRoute, HostPattern>comparing(
              CompiledRoute::host, HostPattern::compareSpecificity)
          .thenComparing(CompiledRoute::path, PathPattern::compareSpecificity)
          .thenComparingInt(r -> r.methods.isEmpty() ? Integer.MAX_VALUE : r.methods.size())
          .thenComparingInt(r -> -r.conditions.size())
          .thenComparingInt(CompiledRoute::declarationIndex);

  boolean acceptsMethod(String method) {
    return methods.isEmpty()
        || methods.contains(method)
        || (method.equals("HEAD") && methods.contains("GET"));
  }

  boolean acceptsConditions(Request request, QueryParameters query) {
    for (Condition c : conditions) {
      if (!c.test(request, query)) {
        return false;
      }
    }
    return true;
  }

  /** True when every request this route matches is also matched by {@code other}. */
  boolean isCoveredBy(CompiledRoute other) {
    return other.host.equals(host)
        && other.path.shape().equals(path.shape())
        && (other.methods.isEmpty() || other.methods.containsAll(methods) && !methods.isEmpty())
        && conditions.containsAll(other.conditions);
  }
}
