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
  private final BuilderProblems problems; // the gateway builder's

  RouteGroup(
      String prefix, List<Middleware> inherited, List<Declared> routes, BuilderProblems problems) {
    this.prefix = prefix;
    this.middleware = new ArrayList<>(inherited);
    this.routes = routes;
    this.problems = problems;
  }

  /** Adds middleware for every route declared in this group <em>after</em> this call. */
  public RouteGroup use(Middleware... middleware) {
    for (Middleware m : middleware) {
      this.middleware.add(Objects.requireNonNull(m, "middleware"));
    }
    return this;
  }

  /**
   * Declares a route; its path is put after the group's prefix. A blank id is recorded as a mistake
   * for {@link Gateway.Builder#build()} and the route is left out.
   */
  public RouteGroup route(String id, Consumer<Route.Builder> spec) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    if (id.isBlank()) {
      problems.add("route id must not be blank");
      return this;
    }
    Route.Builder builder = new Route.Builder(id, prefix);
    spec.accept(builder);
    routes.add(new Declared(builder, List.copyOf(middleware)));
    return this;
  }

  /**
   * Declares a nested group under {@code prefix} (which starts with '/' and does not end with one).
   * A bad prefix is recorded as a mistake for {@link Gateway.Builder#build()} and the group is left
   * out.
   */
  public RouteGroup group(String prefix, Consumer<RouteGroup> spec) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(spec, "spec");
    if (!prefix.startsWith("/")
        || prefix.endsWith("/")
        || prefix.contains("*")
        || prefix.contains("{")) {
      problems.add(
          "group prefix must be literal segments like '/api' (no trailing '/', no patterns): '"
              + prefix
              + "'");
      return this;
    }
    spec.accept(new RouteGroup(this.prefix + prefix, middleware, routes, problems));
    return this;
  }

  /** A route as declared, with the group middleware in force where it was declared. */
  record Declared(Route.Builder builder, List<Middleware> inherited) {}
}
