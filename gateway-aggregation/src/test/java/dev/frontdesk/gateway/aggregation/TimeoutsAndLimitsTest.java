package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static dev.frontdesk.gateway.aggregation.Service.delayed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

class TimeoutsAndLimitsTest extends AggregationTestSupport {

  @Test
  void aRequiredLegSlowerThanItsTimeoutAnswers504SoonAfterTheTimeout() throws Exception {
    gateway(
        Aggregation.builder()
            .call(
                "profile",
                c -> c.get("users", "/users/{identity.sub}").timeout(Duration.ofMillis(300)))
            .build());
    users.on("/users/alice", () -> delayed(3000, "{}"));

    warmUp();
    long start = System.nanoTime();
    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(millisSince(start)).isBetween(300L, 2000L);
      assertThat(response.status()).isEqualTo(504);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("profile");
      assertThat(json(response).path("detail").asText())
          .startsWith("required leg 'profile' failed: leg 'profile' timed out");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }

  @Test
  void aSlowOptionalLegDoesNotDelayTheAnswerPastItsTimeout() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call(
                "orders",
                c -> c.get("orders", "/orders").timeout(Duration.ofMillis(300)).optional())
            .statusBlock("_legs")
            .build());
    users.on("/users/alice", () -> answer("{\"id\":\"alice\"}"));
    orders.on("/orders", () -> delayed(3000, "[]"));

    warmUp();
    long start = System.nanoTime();
    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(millisSince(start)).isBetween(300L, 2000L);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("orders");
      JsonNode body = json(response);
      assertThat(body.path("profile").toString()).isEqualTo("{\"id\":\"alice\"}");
      assertThat(body.path("_legs").path("orders").path("error").asText()).isEqualTo("timeout");
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders");
  }

  @Test
  void theAggregationDeadlineIsKeptOnTheGatewaysTicker() throws Exception {
    FakeClock clock = new FakeClock();
    gateway(
        Aggregation.builder()
            .timeout(Duration.ofMinutes(10))
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            // reads profile, so it starts only once profile has its answer
            .call("orders", c -> c.get("orders", "/orders?user={profile:/id}").optional())
            .statusBlock("_legs")
            .build(),
        clock);
    users.on("/users/alice", () -> answer("{\"id\":\"alice\"}"));
    orders.on("/orders", () -> delayed(10_000, "[]"));

    CompletableFuture<Response> answered =
        CompletableFuture.supplyAsync(() -> gateway.handle(get("/api/home/1")));
    assertThat(orders.take().getTarget()).isEqualTo("/orders?user=alice"); // the slow leg is on
    clock.advance(Duration.ofMinutes(10).minusNanos(1));
    // a short real pause, only to give a deadline that ignored the ticker the chance to pass
    assertThatThrownBy(() -> answered.get(100, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
    clock.advance(Duration.ofNanos(1)); // the deadline; 10 s before the slow leg would answer

    try (Response response = answered.get(5, TimeUnit.SECONDS)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("orders");
      JsonNode body = json(response);
      assertThat(body.path("profile").toString()).isEqualTo("{\"id\":\"alice\"}");
      assertThat(body.path("_legs").path("orders").path("error").asText()).isEqualTo("timeout");
    }
  }

  @Test
  void aBodyThatTricklesInPastTheTimeoutIsATimeoutToo() throws Exception {
    gateway(
        Aggregation.builder()
            .call(
                "profile",
                c -> c.get("users", "/users/{identity.sub}").timeout(Duration.ofMillis(300)))
            .build());
    users.on(
        "/users/alice",
        () ->
            new MockResponse.Builder()
                .body("{\"id\":\"alice\"}")
                .bodyDelay(3000, TimeUnit.MILLISECONDS)
                .build());

    warmUp();
    long start = System.nanoTime();
    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(millisSince(start)).isBetween(300L, 2000L);
      assertThat(response.status()).isEqualTo(504);
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }

  @Test
  void theAggregationTimeoutCapsLegsWithoutTheirOwn() throws Exception {
    gateway(
        Aggregation.builder()
            .timeout(Duration.ofMillis(400))
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call("orders", c -> c.get("orders", "/orders").optional())
            .build());
    users.on("/users/alice", () -> answer("{}"));
    orders.on("/orders", () -> delayed(3000, "[]"));

    warmUp();
    long start = System.nanoTime();
    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(millisSince(start)).isBetween(400L, 2000L);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("orders");
      assertThat(response.body().string()).isEqualTo("{\"profile\":{}}");
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders");
  }

  @Test
  void aLegAnswerLargerThanItsLimitFailsThatLegOnly() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call("orders", c -> c.get("orders", "/orders").maxResponseBytes(100).optional())
            .statusBlock("_legs")
            .build());
    users.on("/users/alice", () -> answer("{}"));
    orders.on("/orders", () -> answer("[\"" + "x".repeat(10_000) + "\"]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(200);
      JsonNode body = json(response);
      assertThat(body.has("orders")).isFalse();
      assertThat(body.path("_legs").path("orders").path("error").asText()).isEqualTo("too-large");
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders");
  }

  @Test
  void aRequiredLegAnswerLargerThanTheAggregationLimitIsABadGateway() throws Exception {
    gateway(
        Aggregation.builder()
            .maxResponseBytes(1000)
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .build());
    users.on("/users/alice", () -> answer("\"" + "x".repeat(5000) + "\""));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(json(response).path("detail").asText())
          .isEqualTo(
              "required leg 'profile' failed: the answer of leg 'profile' is larger than 1000 bytes");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }
}
