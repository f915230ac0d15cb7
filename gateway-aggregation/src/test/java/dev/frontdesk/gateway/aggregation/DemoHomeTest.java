package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Upstream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo's {@code /api/home}, exactly as handed to the examples module, against stand-ins. */
class DemoHomeTest {

  static Aggregation home() {
    return Aggregation.builder()
        .timeout(Duration.ofSeconds(2))
        .call("profile", c -> c.get("users", "/users/{query.user}").passThrough(404))
        .call(
            "orders",
            c ->
                c.get("orders", "/orders?user={query.user}")
                    .timeout(Duration.ofMillis(500))
                    .optional(JsonNodeFactory.instance.arrayNode()))
        .call(
            "recommendations",
            c ->
                c.get("products", "/recommendations?segment={profile:/segment}")
                    .timeout(Duration.ofMillis(500))
                    .optional(JsonNodeFactory.instance.arrayNode()))
        .statusBlock("_legs")
        .build();
  }

  @Test
  void servesTheHomeScreenFromUsersOrdersAndProducts() throws Exception {
    try (Service users = new Service();
        Service orders = new Service();
        Service products = new Service()) {
      users.on("/users/42", () -> answer("{\"id\":42,\"name\":\"Ada\",\"segment\":\"gold plus\"}"));
      orders.on("/orders", () -> answer("[{\"id\":1001}]"));
      products.on("/recommendations", () -> answer("[{\"id\":\"p-3\"}]"));
      try (Gateway gateway =
              Gateway.builder()
                  .upstream(Upstream.of("users", users.url()))
                  .upstream(Upstream.of("orders", orders.url()))
                  .upstream(Upstream.of("products", products.url()))
                  .route("home", r -> r.get("/api/home").handleWithUpstreams(home()))
                  .build();
          Response response = gateway.handle(Request.of("GET", "/api/home?user=42"))) {
        assertThat(response.status()).isEqualTo(200);
        var body = AggregationTestSupport.JSON.readTree(response.body().string());
        assertThat(body.path("profile").path("name").asText()).isEqualTo("Ada");
        assertThat(body.path("orders").toString()).isEqualTo("[{\"id\":1001}]");
        assertThat(body.path("recommendations").toString()).isEqualTo("[{\"id\":\"p-3\"}]");
        assertThat(body.path("_legs").path("recommendations").path("status").asText())
            .isEqualTo("ok");
      }
      assertThat(users.take().getTarget()).isEqualTo("/users/42");
      assertThat(orders.take().getTarget()).isEqualTo("/orders?user=42");
      assertThat(products.take().getTarget()).isEqualTo("/recommendations?segment=gold%20plus");
    }
  }
}
