package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.frontdesk.gateway.Response;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

class FailurePolicyTest extends AggregationTestSupport {

  private Aggregation.Builder home() {
    return Aggregation.builder()
        .call("profile", c -> c.get("users", "/users/{identity.sub}").passThrough(404))
        .call("orders", c -> c.get("orders", "/orders?user={identity.sub}").optional())
        .statusBlock("_legs");
  }

  @Test
  void aFailedRequiredLegFailsTheAnswerWith502NamingTheLeg() throws Exception {
    gateway(home().build());
    users.on("/users/alice", () -> answer(503, "{\"busy\":true}"));
    orders.on("/orders", () -> answer("[{\"id\":1}]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("profile");
      JsonNode problem = json(response);
      assertThat(problem.path("title").asText()).isEqualTo("Bad Gateway");
      assertThat(problem.path("detail").asText())
          .isEqualTo(
              "required leg 'profile' failed: upstream 'users' answered 503 to leg 'profile'");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }

  @Test
  void anUpstream404OnThePrimaryLegStays404WhenPassedThrough() throws Exception {
    gateway(home().build());
    users.on("/users/alice", () -> answer(404, "{}"));
    orders.on("/orders", () -> answer("[]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(json(response).path("title").asText()).isEqualTo("Not Found");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }

  @Test
  void anUpstream404WithoutPassThroughIsABadGateway() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .build());

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }

  @Test
  void anUnreachableRequiredUpstreamIsABadGateway() throws Exception {
    gateway(home().build());
    users.close();

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(json(response).path("detail").asText())
          .startsWith("required leg 'profile' failed: leg 'profile' failed:");
    }
  }

  @Test
  void aFailedOptionalLegIsLeftOutAndTheAnswerSaysItIsPartial() throws Exception {
    gateway(home().build());
    users.on("/users/alice", () -> answer("{\"name\":\"Alice\"}"));
    orders.on(
        "/orders",
        () ->
            new MockResponse.Builder()
                .body("[{\"id\":1}]")
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Aggregate-Partial")).isEqualTo("true");
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("orders");
      JsonNode body = json(response);
      assertThat(body.path("profile").toString()).isEqualTo("{\"name\":\"Alice\"}");
      assertThat(body.has("orders")).isFalse();
      assertThat(body.path("_legs").path("profile").path("status").asText()).isEqualTo("ok");
      assertThat(body.path("_legs").path("profile").path("httpStatus").asInt()).isEqualTo(200);
      assertThat(body.path("_legs").path("orders").path("status").asText()).isEqualTo("failed");
      assertThat(body.path("_legs").path("orders").path("error").asText()).isEqualTo("unreachable");
      assertThat(body.path("_legs").path("orders").path("timeMs").isNumber()).isTrue();
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders?user=alice");
  }

  @Test
  void aFailedOptionalLegWithAFallbackIsReplacedByIt() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call(
                "orders",
                c -> c.get("orders", "/orders").optional(JsonNodeFactory.instance.arrayNode()))
            .build());
    users.on("/users/alice", () -> answer("{}"));
    orders.on("/orders", () -> answer(500, "oops"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Aggregate-Partial")).isEqualTo("true");
      assertThat(response.body().string()).isEqualTo("{\"profile\":{},\"orders\":[]}");
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders");
  }

  @Test
  void aLegThatReadsAFailedLegFailsWithoutBeingCalled() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}").optional())
            .call(
                "recommendations",
                c -> c.get("products", "/recommendations?segment={profile:/segment}").optional())
            .call("orders", c -> c.get("orders", "/orders"))
            .statusBlock("_legs")
            .build());
    users.on("/users/alice", () -> answer(500, "{}"));
    orders.on("/orders", () -> answer("[]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("profile, recommendations");
      JsonNode body = json(response);
      assertThat(body.path("orders").toString()).isEqualTo("[]");
      assertThat(body.path("_legs").path("recommendations").path("error").asText())
          .isEqualTo("dependency");
    }
    assertThat(products.requestCount()).isZero();
  }

  @Test
  void afterARequiredLegFailedLegsThatHaveNotStartedCallNothing() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call("orders", c -> c.get("orders", "/orders").optional())
            .call(
                "recommendations",
                c -> c.get("products", "/recommendations?order={orders:/0/id}").optional())
            .build());
    // profile fails only once orders is under way (the legs start in parallel, in either order):
    // what is tested is the leg that waits for orders, not whether orders was quicker to start.
    CountDownLatch ordersStarted = new CountDownLatch(1);
    users.on("/users/alice", () -> answer(awaited(ordersStarted) ? 503 : 500, "{}"));
    orders.on(
        "/orders",
        () -> {
          ordersStarted.countDown();
          return Service.delayed(300, "[{\"id\":1}]");
        });

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("profile");
    }
    assertThat(orders.take().getTarget()).isEqualTo("/orders");
    // orders answers 300 ms later; the leg that waited for it must not call products then.
    assertThat(products.server.takeRequest(1500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void anAnswerThatIsNotJsonFailsTheLegWithoutShowingTheClientTheUpstreamsBytes() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .build());
    users.on("/users/alice", () -> answer("<html>"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(json(response).path("detail").asText())
          .isEqualTo(
              "required leg 'profile' failed: the answer of leg 'profile' is not valid JSON");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
  }

  private static boolean awaited(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
