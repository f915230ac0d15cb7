package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static dev.frontdesk.gateway.aggregation.Service.delayed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutTest extends AggregationTestSupport {
  private static final String ORDER =
      "{\"lines\":[{\"sku\":\"a\"},{\"sku\":\"b/c\"},{\"sku\":\"d\"},{\"sku\":\"e\"}]}";

  @Test
  void runsTheLegOncePerElementAndKeepsTheElementOrder() throws Exception {
    gateway(
        Aggregation.builder()
            .call("order", c -> c.get("orders", "/orders/{id}"))
            .call(
                "products",
                c ->
                    c.get("products", "/products/{item:/sku}")
                        .forEach("order", "/lines")
                        .include("name"))
            .build());
    orders.on("/orders/7", () -> answer(ORDER));
    for (String sku : List.of("a", "b%2Fc", "d", "e")) {
      products.on("/products/" + sku, () -> answer("{\"name\":\"" + sku + "\",\"stock\":3}"));
    }

    try (Response response = gateway.handle(get("/api/home/7"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(json(response).path("products").toString())
          .isEqualTo("[{\"name\":\"a\"},{\"name\":\"b%2Fc\"},{\"name\":\"d\"},{\"name\":\"e\"}]");
    }
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      targets.add(products.take().getTarget());
    }
    assertThat(targets)
        .containsExactlyInAnyOrder("/products/a", "/products/b%2Fc", "/products/d", "/products/e");
  }

  @Test
  void runsNoMoreCallsAtOnceThanItsConcurrency() throws Exception {
    gateway(
        Aggregation.builder()
            .call("order", c -> c.get("orders", "/orders/{id}"))
            .call(
                "products",
                c ->
                    c.get("products", "/products/{item:/sku}")
                        .forEach("order", "/lines")
                        .concurrency(2))
            .build());
    orders.on("/orders/7", () -> answer(ORDER));
    for (String sku : List.of("a", "b%2Fc", "d", "e")) {
      products.on("/products/" + sku, () -> delayed(300, "{}"));
    }

    long start = System.nanoTime();
    try (Response response = gateway.handle(get("/api/home/7"))) {
      // Four calls of 300 ms, two at a time: two waves, never one.
      assertThat(millisSince(start)).isGreaterThanOrEqualTo(600L);
      assertThat(json(response).path("products").size()).isEqualTo(4);
    }
    assertThat(products.requestCount()).isEqualTo(4);
  }

  @Test
  void aFailedElementStopsTheElementsNotYetCalled() throws Exception {
    gateway(
        Aggregation.builder()
            .call("order", c -> c.get("orders", "/orders/{id}"))
            .call(
                "products",
                c ->
                    c.get("products", "/products/{item:/sku}")
                        .forEach("order", "/lines")
                        .concurrency(1))
            .build());
    orders.on("/orders/7", () -> answer(ORDER));
    products.on("/products/a", () -> answer(500, "{}"));
    for (String sku : List.of("b%2Fc", "d", "e")) {
      products.on("/products/" + sku, () -> answer("{}"));
    }

    try (Response response = gateway.handle(get("/api/home/7"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("products");
      assertThat(json(response).path("detail").asText())
          .isEqualTo(
              "required leg 'products' failed: upstream 'products' answered 500 to leg 'products'");
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders/7");
    assertThat(products.take().getTarget()).isEqualTo("/products/a");
    assertThat(products.requestCount()).isEqualTo(1);
  }

  @Test
  void aFailedElementFailsTheLegWithoutWaitingForItsSlowSiblings() throws Exception {
    gateway(
        Aggregation.builder()
            .call("order", c -> c.get("orders", "/orders/{id}"))
            .call(
                "products",
                c ->
                    c.get("products", "/products/{item:/sku}")
                        .forEach("order", "/lines")
                        .concurrency(2))
            .build());
    orders.on("/orders/7", () -> answer(ORDER));
    products.on("/products/a", () -> delayed(5_000, "{}"));
    products.on("/products/b%2Fc", () -> answer(500, "{}"));
    warmUp();

    long start = System.nanoTime();
    try (Response response = gateway.handle(get("/api/home/7"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(millisSince(start)).isLessThan(2_500L);
    }
    // the warm-up's order leg found no order 1, so only this request reached products
    assertThat(List.of(products.take().getTarget(), products.take().getTarget()))
        .containsExactlyInAnyOrder("/products/a", "/products/b%2Fc");
    assertThat(products.requestCount()).isEqualTo(2);
  }

  @Test
  void aListLongerThanMaxItemsFailsTheLegWithoutCallingAnything() throws Exception {
    gateway(
        Aggregation.builder()
            .call("order", c -> c.get("orders", "/orders/{id}"))
            .call(
                "products",
                c ->
                    c.get("products", "/products/{item:/sku}")
                        .forEach("order", "/lines")
                        .maxItems(3))
            .build());
    orders.on("/orders/7", () -> answer(ORDER));

    try (Response response = gateway.handle(get("/api/home/7"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(json(response).path("detail").asText())
          .isEqualTo(
              "required leg 'products' failed: "
                  + "leg 'products' would run for 4 elements, more than its maxItems 3");
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders/7");
    assertThat(products.requestCount()).isZero();
  }
}
