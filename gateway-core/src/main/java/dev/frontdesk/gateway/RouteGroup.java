package dev.frontdesk.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Routes that share a path prefix and middleware, such as everything under {@code /admin}. Groups
 * nest; a group's middleware runs after its parent's and before its routes' own.
 *
 * <pre>{@code
 * .group("/admin", g -> g.use(adminOnly).route("stats", r -> r.get("/stats").proxyTo(statsUrl)))
 * }</pre>
 */
public final class RouteGroup {
  private final String prefix;
  private final List<Middleware> middleware;
  private final List<Declared> routes;

  RouteGroup(String prefix, List<Middleware> inherited, List<Declared> routes) {
    this.prefix = prefix;
    this.middleware = new ArrayList<>(inherited);
    this.routes = routes;
  }

  /** Adds middleware for every route declared in this group <em>after</em> this call. */
  public RouteGroup use(Middleware... middleware) {
    for (Middleware m : middleware) {
      this.middleware.add(Objects.requireNonNull(m, "middleware"));
    }
    return this;
  }

  /** Declares a route; its path is put after the group's prefix. */
  public RouteGroup route(String id, Consumer<Route.Builder> spec) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    if (id.isBlank()) {
      throw new IllegalArgumentException("route id must not be blank");
    }
    Route.Builder builder = new Route.Builder(id, prefix);
    spec.accept(builder);
    routes.add(new Declared(builder, List.copyOf(middleware)));
    return this;
  }

  /**
   * Declares a nested group under {@code prefix} (which starts with '/' and does not end with one).
   */
  public RouteGroup group(String prefix, Consumer<RouteGroup> spec) {
    Objects.requireNonNull(spec, "spec");
    spec.accept(new RouteGroup(this.prefix + checkPrefix(prefix), middleware, routes));
    return this;
  }

  static String checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.startsWith("/")
        || prefix.endsWith("/")
        || prefix.contains("*")
        || prefix.contains("{")) {
      throw new IllegalArgumentException(
          "group prefix must be literal segments like '/api' (no trailing '/', no patterns): '"
              + prefix
              + "'");
    }
    return prefix;
  }

  /** A route as declared, with the group middleware in force where it was declared. */
  record Declared(Route.Builder builder, List<Middleware> inherited) {}
}
