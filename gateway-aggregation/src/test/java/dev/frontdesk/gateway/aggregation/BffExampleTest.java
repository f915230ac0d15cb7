package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Backend-for-Frontend pattern: two gateways in one process over the same three services.
 * {@code /mobile/**} answers a compact home screen; {@code /web/**} a richer one with product
 * details for every order and a per-leg status block.
 */
class BffExampleTest {
  private Service users;
  private Service orders;
  private Service products;
  private Gateway mobile;
  private Gateway web;

  /** Stands in for an authentication middleware: the demo trusts X-Demo-User. */
  static Middleware demoIdentity() {
    return Middlewares.before(
        request -> {
          String user = request.header("X-Demo-User");
          return user == null
              ? request
              : request
                  .newBuilder()
                  .attribute(Attributes.IDENTITY, Identity.builder(user).build())
                  .build();
        });
  }

  /** The mobile BFF: a name, the last orders and up to three recommendations, nothing else. */
  static Gateway mobileGateway(String usersUrl, String ordersUrl, String productsUrl) {
    return Gateway.builder()
        .upstream(Upstream.of("users", usersUrl))
        .upstream(Upstream.of("orders", ordersUrl))
        .upstream(Upstream.of("products", productsUrl))
        .use(demoIdentity())
        .route(
            "mobile-home",
            r ->
                r.get("/mobile/home")
                    .handleWithUpstreams(
                        Aggregation.builder()
                            .timeout(Duration.ofSeconds(3))
                            .call(
                                "profile",
                                c ->
                                    c.get("users", "/users/{identity.sub}")
                                        .passThrough(404)
                                        .merge()
                                        .include("name"))
                            .call(
                                "orders",
                                c ->
                                    c.get("orders", "/orders?user={identity.sub}")
                                        .timeout(Duration.ofSeconds(1))
                                        .optional(JsonNodeFactory.instance.arrayNode()))
                            .call(
                                "recommendations",
                                c ->
                                    c.get(
                                            "products",
                                            "/recommendations?segment={profile:/segment}&limit=3")
                                        .timeout(Duration.ofSeconds(1))
                                        .optional(JsonNodeFactory.instance.arrayNode()))
                            .build()))
        .build();
  }

  /** The web BFF: the whole profile, each order's product, recommendations and leg statuses. */
  static Gateway webGateway(String usersUrl, String ordersUrl, String productsUrl) {
    return Gateway.builder()
        .upstream(Upstream.of("users", usersUrl))
        .upstream(Upstream.of("orders", ordersUrl))
        .upstream(Upstream.of("products", productsUrl))
        .use(demoIdentity())
        .route(
            "web-home",
            r ->
                r.get("/web/home")
                    .handleWithUpstreams(
                        Aggregation.builder()
                            .timeout(Duration.ofSeconds(5))
                            .call(
                                "profile",
                                c -> c.get("users", "/users/{identity.sub}").passThrough(404))
                            .call("orders", c -> c.get("orders", "/orders?user={identity.sub}"))
                            .call(
                                "orderedProducts",
                                c ->
                                    c.get("products", "/products/{item:/productId}")
                                        .forEach("orders", "")
                                        .concurrency(4)
                                        .maxItems(50)
                                        .optional())
                            .call(
                                "recommendations",
                                c ->
                                    c.get(
                                            "products",
                                            "/recommendations?segment={profile:/segment}&limit=10")
                                        .optional())
                            .statusBlock("_legs")
                            .build()))
        .build();
  }

  @BeforeEach
  void start() throws Exception {
    users =
        new Service()
            .on(
                "/users/alice",
                () -> answer("{\"id\":\"alice\",\"name\":\"Alice\",\"segment\":\"gold\"}"));
    orders =
        new Service()
            .on(
                "/orders",
                () ->
                    answer(
                        "[{\"id\":9007199254740993,\"productId\":\"p-1\"},{\"id\":9007199254740994,\"productId\":\"p-2\"}]"));
    products =
        new Service()
            .on("/recommendations", () -> answer("[{\"id\":\"p-3\"}]"))
            .on("/products/p-1", () -> answer("{\"id\":\"p-1\",\"title\":\"Lamp\"}"))
            .on("/products/p-2", () -> answer("{\"id\":\"p-2\",\"title\":\"Desk\"}"));
    mobile = mobileGateway(users.url(), orders.url(), products.url());
    web = webGateway(users.url(), orders.url(), products.url());
  }

  @AfterEach
  void stop() throws Exception {
    mobile.close();
    web.close();
    users.close();
    orders.close();
    products.close();
  }

  @Test
  void theMobileGatewayAnswersACompactHomeScreen() throws Exception {
    Request request =
        Request.builder().target("/mobile/home").header("X-Demo-User", "alice").build();

    try (Response response = mobile.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Aggregate-Partial")).isEqualTo("false");
      assertThat(response.body().string())
          .isEqualTo(
              "{\"name\":\"Alice\","
                  + "\"orders\":[{\"id\":9007199254740993,\"productId\":\"p-1\"},{\"id\":9007199254740994,\"productId\":\"p-2\"}],"
                  + "\"recommendations\":[{\"id\":\"p-3\"}]}");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
    assertThat(orders.take().getTarget()).isEqualTo("/orders?user=alice");
    assertThat(products.take().getTarget()).isEqualTo("/recommendations?segment=gold&limit=3");
  }

  @Test
  void theWebGatewayAnswersARicherHomeScreenFromTheSameServices() throws Exception {
    Request request = Request.builder().target("/web/home").header("X-Demo-User", "alice").build();

    try (Response response = web.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
      var body = AggregationTestSupport.JSON.readTree(response.body().string());
      assertThat(body.path("profile").toString())
          .isEqualTo("{\"id\":\"alice\",\"name\":\"Alice\",\"segment\":\"gold\"}");
      assertThat(body.path("orderedProducts").toString())
          .isEqualTo("[{\"id\":\"p-1\",\"title\":\"Lamp\"},{\"id\":\"p-2\",\"title\":\"Desk\"}]");
      assertThat(body.path("recommendations").toString()).isEqualTo("[{\"id\":\"p-3\"}]");
      assertThat(body.path("_legs").path("orderedProducts").path("status").asText())
          .isEqualTo("ok");
    }
    List<String> productTargets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      productTargets.add(products.take().getTarget());
    }
    assertThat(productTargets)
        .containsExactlyInAnyOrder(
            "/products/p-1", "/products/p-2", "/recommendations?segment=gold&limit=10");
  }

  @Test
  void anUnknownUserIs404OnBothGateways() throws Exception {
    for (Gateway gateway : List.of(mobile, web)) {
      String path = gateway == mobile ? "/mobile/home" : "/web/home";
      try (Response response =
          gateway.handle(Request.builder().target(path).header("X-Demo-User", "bob").build())) {
        assertThat(response.status()).isEqualTo(404);
      }
      assertThat(users.take().getTarget()).isEqualTo("/users/bob");
    }
  }
}
