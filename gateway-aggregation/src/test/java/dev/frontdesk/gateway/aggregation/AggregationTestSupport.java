package dev.frontdesk.gateway.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.Upstream;
import java.io.IOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Three services (users, orders, products) and a gateway whose route {@code /api/home/{id}}
 * aggregates.
 */
abstract class AggregationTestSupport {
  static final ObjectMapper JSON = new ObjectMapper();

  Service users;
  Service orders;
  Service products;
  Gateway gateway;

  @BeforeEach
  void startServices() throws IOException {
    users = new Service();
    orders = new Service();
    products = new Service();
  }

  @AfterEach
  void stopServices() throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    users.close();
    orders.close();
    products.close();
  }

  Gateway gateway(Aggregation aggregation) {
    return gateway(aggregation, Ticker.system());
  }

  /** As {@link #gateway(Aggregation)}, on this ticker. */
  Gateway gateway(Aggregation aggregation, Ticker ticker) {
    return gateway(aggregation, b -> b.ticker(ticker));
  }

  /** As {@link #gateway(Aggregation)}, with more gateway options. */
  Gateway gateway(Aggregation aggregation, Consumer<Gateway.Builder> options) {
    Gateway.Builder builder = Gateway.builder();
    options.accept(builder);
    gateway =
        builder
            .upstream(Upstream.of("users", users.url()))
            .upstream(Upstream.of("orders", orders.url()))
            .upstream(Upstream.of("products", products.url()))
            .route(
                "home",
                r ->
                    r.path("/api/home/{id}")
                        .methods("GET", "POST")
                        .handleWithUpstreams(aggregation))
            .build();
    return gateway;
  }

  /** A GET by the authenticated user {@code alice}. */
  static Request get(String target) {
    return Request.builder()
        .method("GET")
        .target(target)
        .attribute(Attributes.IDENTITY, Identity.builder("alice").consumerId("mobile-app").build())
        .build();
  }

  /**
   * Sends one request whose answer does not matter, so that class loading and connection set-up
   * (seconds on a cold, busy JVM) stay out of a timing assertion that follows.
   */
  void warmUp() throws IOException {
    gateway.handle(get("/api/home/1")).close();
  }

  static JsonNode json(Response response) throws IOException {
    try (response) {
      return JSON.readTree(response.body().string());
    }
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
