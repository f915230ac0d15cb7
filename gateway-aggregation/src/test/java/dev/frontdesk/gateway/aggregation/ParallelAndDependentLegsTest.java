package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static dev.frontdesk.gateway.aggregation.Service.delayed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelAndDependentLegsTest extends AggregationTestSupport {

  private Aggregation home() {
    return Aggregation.builder()
        .call("profile", c -> c.get("users", "/users/{identity.sub}"))
        .call("orders", c -> c.get("orders", "/orders?user={identity.sub}"))
        .call(
            "recommendations",
            c -> c.get("products", "/recommendations?segment={profile:/segment}"))
        .build();
  }

  /**
   * Sends one request with fast answers, so class loading and connections are out of the timing.
   */
  private void warmUpWithFastAnswers() throws Exception {
    users.on("/users/alice", () -> answer("{\"id\":\"alice\",\"segment\":\"gold\"}"));
    orders.on("/orders", () -> answer("[]"));
    products.on("/recommendations", () -> answer("[]"));
    products.on("/featured", () -> answer("[]"));
    json(gateway.handle(get("/api/home/1")));
    users.take();
    orders.take();
    products.take();
  }

  @Test
  void threeIndependentLegsOf500MillisAnswerInUnderTwoOfThemBackToBack() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call("orders", c -> c.get("orders", "/orders?user={identity.sub}"))
            .call("featured", c -> c.get("products", "/featured"))
            .build());
    warmUpWithFastAnswers();
    users.on("/users/alice", () -> delayed(500, "{\"id\":\"alice\"}"));
    orders.on("/orders", () -> delayed(500, "[{\"id\":1}]"));
    products.on("/featured", () -> delayed(500, "[\"lamp\"]"));

    long start = System.nanoTime();
    JsonNode body = json(gateway.handle(get("/api/home/1")));
    long millis = millisSince(start);

    // In sequence they would take 1500 ms; under 1000 ms means all three overlapped, with 500 ms
    // left for a noisy 2-core machine.
    assertThat(millis).isBetween(500L, 999L);
    assertThat(body.toString())
        .isEqualTo(
            "{\"profile\":{\"id\":\"alice\"},\"orders\":[{\"id\":1}],\"featured\":[\"lamp\"]}");
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
    assertThat(orders.take().getTarget()).isEqualTo("/orders?user=alice");
    assertThat(products.take().getTarget()).isEqualTo("/featured");
  }

  @Test
  void aChainOfTwoDependentLegsTakesAtLeastTheSumAndTheSecondStartsAfterTheFirstAnswered()
      throws Exception {
    gateway(home());
    warmUpWithFastAnswers();
    users.on("/users/alice", () -> delayed(300, "{\"id\":\"alice\",\"segment\":\"gold\"}"));
    orders.on("/orders", () -> answer("[]"));
    products.on("/recommendations", () -> delayed(300, "[\"lamp\"]"));

    long start = System.nanoTime();
    try (Response response = gateway.handle(get("/api/home/1"))) {
      long millis = millisSince(start);
      assertThat(response.status()).isEqualTo(200);
      assertThat(millis).isGreaterThanOrEqualTo(600L);
      assertThat(json(response).path("recommendations").toString()).isEqualTo("[\"lamp\"]");
    }
    long usersAsked = users.arrivals.get("/users/alice");
    long productsAsked = products.arrivals.get("/recommendations");
    assertThat(TimeUnit.NANOSECONDS.toMillis(productsAsked - usersAsked))
        .isGreaterThanOrEqualTo(300L);
    assertThat(products.take().getTarget()).isEqualTo("/recommendations?segment=gold");
  }

  @Test
  void aDependentLegWaitsForTheLegItReadsAndNoOther() throws Exception {
    gateway(home());
    warmUpWithFastAnswers();
    users.on("/users/alice", () -> delayed(50, "{\"segment\":\"gold\"}"));
    orders.on("/orders", () -> delayed(1000, "[]"));
    products.on("/recommendations", () -> answer("[\"lamp\"]"));

    long start = System.nanoTime();
    JsonNode body = json(gateway.handle(get("/api/home/1")));

    long productsAskedAfter =
        TimeUnit.NANOSECONDS.toMillis(products.arrivals.get("/recommendations") - start);
    assertThat(productsAskedAfter).isBetween(50L, 700L);
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(1000L);
    assertThat(body.path("recommendations").toString()).isEqualTo("[\"lamp\"]");
  }

  @Test
  void answersWithEachLegNestedUnderItsNameAsCompleteJson() throws Exception {
    gateway(home());
    users.on("/users/alice", () -> answer("{\"id\":\"alice\",\"segment\":\"gold\"}"));
    orders.on("/orders", () -> answer("[{\"id\":7}]"));
    products.on("/recommendations", () -> answer("[\"lamp\"]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      assertThat(response.header("X-Aggregate-Partial")).isEqualTo("false");
      assertThat(response.header("X-Aggregate-Failed")).isNull();
      assertThat(response.body().string())
          .isEqualTo(
              "{\"profile\":{\"id\":\"alice\",\"segment\":\"gold\"},"
                  + "\"orders\":[{\"id\":7}],\"recommendations\":[\"lamp\"]}");
    }
  }

  @Test
  void keepsNumbersExactlyAsTheUpstreamsSentThem() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .build());
    String numbers =
        "{\"id\":12345678901234567890,\"long\":9223372036854775807,"
            + "\"price\":0.1000000000000000055511151231257827,\"scale\":1.10,\"big\":1E+400}";
    users.on("/users/alice", () -> answer(numbers));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.body().string()).isEqualTo("{\"profile\":" + numbers + "}");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }
}
