package dev.frontdesk.gateway.benchmarks;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayBuilder;

/**
 * A realistic route table of any size, for benchmarks: every route answers with a fixed response,
 * so measurements see routing and the chain, never the network.
 *
 * <p>Route {@code i} is one of five kinds, by {@code i % 5}:
 *
 * <ol start="0">
 *   <li>{@code GET /api/v1/service{i}/items/{id}}: a path variable and a method;
 *   <li>{@code /static/service{i}/**}: a tail pattern, any method;
 *   <li>host {@code svc{i}.example.com}, {@code /api/v1/orders/{orderId}}: an exact host, so many
 *       routes share one path shape;
 *   <li>{@code POST, PUT /api/v1/service{i}/items} with header {@code X-Tenant: tenant{i}};
 *   <li>host {@code *.tenant{i}.example.com}, {@code GET /api/v1/service{i}/reports/{year}/{month}}:
 *       a wildcard host and two variables.
 * </ol>
 */
final class RouteTable {
  static final int KINDS = 5;

  private RouteTable() {}

  /** A gateway with {@code size} routes of the five kinds above, plus nothing else. */
  static Gateway gateway(int size) {
    GatewayBuilder builder = Gateway.builder();
    for (int i = 0; i < size; i++) {
      addRoute(builder, i);
    }
    return builder.build();
  }

  private static void addRoute(GatewayBuilder builder, int i) {
    String id = "route-" + i;
    switch (i % KINDS) {
      case 0 -> builder.route(id, r -> r.get("/api/v1/service" + i + "/items/{id}").respond(200));
      case 1 -> builder.route(id, r -> r.path("/static/service" + i + "/**").respond(200));
      case 2 -> builder.route(id, r -> r.host("svc" + i + ".example.com")
          .get("/api/v1/orders/{orderId}").respond(200));
      case 3 -> builder.route(id, r -> r.path("/api/v1/service" + i + "/items")
          .methods("POST", "PUT").header("X-Tenant", "tenant" + i).respond(200));
      default -> builder.route(id, r -> r.host("*.tenant" + i + ".example.com")
          .get("/api/v1/service" + i + "/reports/{year}/{month}").respond(200));
    }
  }

  /** The index of a route of {@code kind} in the middle of a table of {@code size} routes. */
  static int middle(int size, int kind) {
    int half = size / 2;
    return half - half % KINDS + kind;
  }
}
