package dev.frontdesk.benchmarks.routing;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;

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
 *   <li>host {@code *.tenant{i}.example.com}, {@code GET
 *       /api/v1/service{i}/reports/{year}/{month}}: a wildcard host and two variables.
 * </ol>
 */
final class RouteTable {
  static final int KINDS = 5;

  /** The request kinds {@link #sample} knows. */
  static final String[] SAMPLES = {"pathVariable", "methodAndHeader", "wildcardHost", "noRoute404"};

  private RouteTable() {}

  /** A gateway with {@code size} routes of the five kinds above, plus nothing else. */
  static Gateway gateway(int size) {
    Gateway.Builder builder = Gateway.builder();
    for (int i = 0; i < size; i++) {
      addRoute(builder, i);
    }
    return builder.build();
  }

  private static void addRoute(Gateway.Builder builder, int i) {
    String id = "route-" + i;
    switch (i % KINDS) {
      case 0 -> builder.route(id, r -> r.get("/api/v1/service" + i + "/items/{id}").respond(200));
      case 1 -> builder.route(id, r -> r.path("/static/service" + i + "/**").respond(200));
      case 2 ->
          builder.route(
              id,
              r -> r.host("svc" + i + ".example.com").get("/api/v1/orders/{orderId}").respond(200));
      case 3 ->
          builder.route(
              id,
              r ->
                  r.path("/api/v1/service" + i + "/items")
                      .methods("POST", "PUT")
                      .header("X-Tenant", "tenant" + i)
                      .respond(200));
      default ->
          builder.route(
              id,
              r ->
                  r.host("*.tenant" + i + ".example.com")
                      .get("/api/v1/service" + i + "/reports/{year}/{month}")
                      .respond(200));
    }
  }

  /** The index of a route of {@code kind} in the middle of a table of {@code size} routes. */
  static int middle(int size, int kind) {
    int half = size / 2;
    return half - half % KINDS + kind;
  }

  /**
   * A request aimed at the middle of a table of {@code routes} routes: {@code pathVariable} (kind
   * 0), {@code methodAndHeader} (kind 3), {@code wildcardHost} (kind 4) or {@code noRoute404}.
   */
  static Request sample(String kind, int routes) {
    return switch (kind) {
      case "pathVariable" ->
          request(
                  "GET",
                  "api.example.com",
                  "/api/v1/service" + RouteTable.middle(routes, 0) + "/items/12345")
              .build();
      case "methodAndHeader" -> {
        int i = RouteTable.middle(routes, 3);
        yield request("POST", "api.example.com", "/api/v1/service" + i + "/items")
            .header("X-Tenant", "tenant" + i)
            .header("Content-Type", "application/json")
            .build();
      }
      case "wildcardHost" -> {
        int i = RouteTable.middle(routes, 4);
        yield request(
                "GET", "eu.tenant" + i + ".example.com", "/api/v1/service" + i + "/reports/2026/11")
            .build();
      }
      default ->
          request(
                  "GET",
                  "api.example.com",
                  "/api/v1/service" + RouteTable.middle(routes, 0) + "/unknown/1")
              .build();
    };
  }

  /** A request as a host adapter would hand it over: a few ordinary headers, an empty body. */
  static Request.Builder request(String method, String host, String path) {
    return Request.builder()
        .method(method)
        .host(host)
        .path(path)
        .header("Host", host)
        .header("User-Agent", "curl/8.5.0")
        .header("Accept", "application/json")
        .header("Accept-Encoding", "gzip, deflate, br")
        .remoteAddress("203.0.113.7");
  }
}
