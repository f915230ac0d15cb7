package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompositionTest extends AggregationTestSupport {

  @BeforeEach
  void answers() {
    users.on(
        "/users/alice",
        () ->
            answer(
                "{\"data\":{\"user\":{\"id\":12345678901234567890,\"name\":\"Alice\",\"password\":\"x\",\"prefs\":{\"lang\":\"fr\"},\"tags\":[\"a\"]}}}"));
    orders.on(
        "/orders",
        () ->
            answer(
                "{\"id\":7,\"total\":19.90,\"prefs\":{\"currency\":\"CHF\"},\"tags\":[\"b\",\"c\"]}"));
  }

  private String compose(Aggregation aggregation) throws Exception {
    gateway(aggregation);
    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(200);
      String body = response.body().string();
      assertThat(users.take().getTarget()).isEqualTo("/users/alice");
      return body;
    }
  }

  @Test
  void selectPicksASubObjectAndAsNestsItUnderAnotherKey() throws Exception {
    String body =
        compose(
            Aggregation.builder()
                .call(
                    "profile",
                    c ->
                        c.get("users", "/users/{identity.sub}")
                            .select("/data/user/prefs")
                            .as("settings"))
                .build());

    assertThat(body).isEqualTo("{\"settings\":{\"lang\":\"fr\"}}");
  }

  @Test
  void includeKeepsOnlyTheAllowList() throws Exception {
    String body =
        compose(
            Aggregation.builder()
                .call(
                    "profile",
                    c ->
                        c.get("users", "/users/{identity.sub}")
                            .select("/data/user")
                            .include("id", "name"))
                .build());

    assertThat(body).isEqualTo("{\"profile\":{\"id\":12345678901234567890,\"name\":\"Alice\"}}");
  }

  @Test
  void excludeDropsTheDenyListAndRenameRenames() throws Exception {
    String body =
        compose(
            Aggregation.builder()
                .call(
                    "profile",
                    c ->
                        c.get("users", "/users/{identity.sub}")
                            .select("/data/user")
                            .exclude("password", "prefs", "tags")
                            .rename("name", "displayName"))
                .build());

    assertThat(body)
        .isEqualTo("{\"profile\":{\"id\":12345678901234567890,\"displayName\":\"Alice\"}}");
  }

  @Test
  void mergeWritesTheFieldsIntoTheTopLevelObject() throws Exception {
    String body =
        compose(
            Aggregation.builder()
                .call(
                    "profile",
                    c ->
                        c.get("users", "/users/{identity.sub}")
                            .select("/data/user")
                            .merge()
                            .include("name"))
                .call("order", c -> c.get("orders", "/orders").merge().include("total"))
                .build());

    assertThat(body).isEqualTo("{\"name\":\"Alice\",\"total\":19.90}");
    assertThat(orders.take().getTarget()).isEqualTo("/orders");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NAMESPACE  | {\"name\":\"Alice\",\"password\":\"x\",\"profile.id\":12345678901234567890,\"order.id\":7,\"total\":19.90,\"profile.prefs\":{\"lang\":\"fr\"},\"order.prefs\":{\"currency\":\"CHF\"},\"profile.tags\":[\"a\"],\"order.tags\":[\"b\",\"c\"]}",
        "FIRST_WINS | {\"id\":12345678901234567890,\"name\":\"Alice\",\"password\":\"x\",\"prefs\":{\"lang\":\"fr\"},\"tags\":[\"a\"],\"total\":19.90}",
        "DEEP_MERGE | {\"id\":7,\"name\":\"Alice\",\"password\":\"x\",\"prefs\":{\"lang\":\"fr\",\"currency\":\"CHF\"},\"tags\":[\"b\",\"c\"],\"total\":19.90}",
        "APPEND     | {\"id\":[12345678901234567890,7],\"name\":\"Alice\",\"password\":\"x\",\"prefs\":[{\"lang\":\"fr\"},{\"currency\":\"CHF\"}],\"tags\":[\"a\",\"b\",\"c\"],\"total\":19.90}",
      })
  void eachCollisionPolicyResolvesCollidingKeysAsDocumented(CollisionPolicy policy, String expected)
      throws Exception {
    String body =
        compose(
            Aggregation.builder()
                .call(
                    "profile",
                    c -> c.get("users", "/users/{identity.sub}").select("/data/user").merge())
                .call("order", c -> c.get("orders", "/orders").merge())
                .onCollision(policy)
                .build());

    assertThat(body).isEqualTo(expected);
    assertThat(orders.take().getTarget()).isEqualTo("/orders");
  }

  @Test
  void aCustomComposerBuildsAnyShapeFromTheResults() throws Exception {
    String body =
        compose(
            Aggregation.builder()
                .call("profile", c -> c.get("users", "/users/{identity.sub}").select("/data/user"))
                .call("order", c -> c.get("orders", "/orders"))
                .call("missing", c -> c.get("products", "/nothing").optional())
                .compose(
                    results -> {
                      var root = results.objectNode();
                      root.set(
                          "greeting",
                          results
                              .nodes()
                              .textNode("Hello " + results.get("profile").path("name").asText()));
                      root.set("total", results.get("order").path("total"));
                      root.put("recommendationsFailed", results.failed("missing"));
                      return root;
                    })
                .build());

    assertThat(body)
        .isEqualTo("{\"greeting\":\"Hello Alice\",\"total\":19.90,\"recommendationsFailed\":true}");
  }
}
