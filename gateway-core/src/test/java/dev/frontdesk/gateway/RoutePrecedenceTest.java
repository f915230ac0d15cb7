package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.RoutingTest.answersId;
import static dev.frontdesk.gateway.RoutingTest.winner;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which route wins when several match: the precedence rules documented on {@link Route}. */
class RoutePrecedenceTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/api/users, literal",
    "/api/users/, literal",
    "/api/orders, variable",
    "/api/a/b, tail",
    "/api, tail",
    "/api/, tail",
  })
  void literalBeatsVariableBeatsTailWhateverTheDeclarationOrder(String path, String expected) {
    Gateway gateway =
        Gateway.builder()
            .route("tail", answersId("tail", r -> r.path("/api/**")))
            .route("variable", answersId("variable", r -> r.path("/api/{name}")))
            .route("literal", answersId("literal", r -> r.path("/api/users")))
            .build();

    assertThat(winner(gateway, path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "api.example.com, exact",
    "API.Example.com, exact",
    "x.eu.example.com, deep-wildcard",
    "other.example.com, wildcard",
    "a.b.example.com, wildcard",
    "example.com, any",
    "example.org, any",
  })
  void exactHostBeatsWildcardBeatsAnyHost(String host, String expected) {
    Gateway gateway =
        Gateway.builder()
            .route("any", answersId("any", r -> r.path("/x")))
            .route("wildcard", answersId("wildcard", r -> r.path("/x").host("*.example.com")))
            .route(
                "deep-wildcard",
                answersId("deep-wildcard", r -> r.path("/x").host("*.eu.example.com")))
            .route("exact", answersId("exact", r -> r.path("/x").host("api.example.com")))
            .build();

    assertThat(winner(gateway, Request.builder().host(host).target("/x").build()))
        .isEqualTo(expected);
  }

  @Test
  void routesNamingFewerMethodsAreTriedFirst() {
    Gateway gateway =
        Gateway.builder()
            .route("many", answersId("many", r -> r.methods("GET", "POST").path("/x")))
            .route("one", answersId("one", r -> r.get("/x")))
            .build();

    assertThat(winner(gateway, "/x")).isEqualTo("one");
    assertThat(winner(gateway, Request.of("POST", "/x"))).isEqualTo("many");
  }

  @Test
  void routesWithMoreConditionsAreTriedFirst() {
    Gateway gateway =
        Gateway.builder()
            .route("plain", answersId("plain", r -> r.path("/x")))
            .route("beta", answersId("beta", r -> r.path("/x").header("X-Beta")))
            .build();

    assertThat(winner(gateway, Request.builder().target("/x").header("X-Beta", "1").build()))
        .isEqualTo("beta");
    assertThat(winner(gateway, "/x")).isEqualTo("plain");
  }

  @Test
  void equallySpecificRoutesAreTriedInDeclarationOrder() {
    Gateway gateway =
        Gateway.builder()
            .route("first", answersId("first", r -> r.path("/x").header("A")))
            .route("second", answersId("second", r -> r.path("/x").header("B")))
            .build();

    assertThat(
            winner(
                gateway, Request.builder().target("/x").header("A", "1").header("B", "1").build()))
        .isEqualTo("first");
    assertThat(winner(gateway, Request.builder().target("/x").header("B", "1").build()))
        .isEqualTo("second");
    assertThat(gateway.routes()).extracting(Route::id).containsExactly("first", "second");
  }

  @Test
  void aRouteWithTheSameShapeButFewerMethodsIsNotShadowed() {
    Gateway gateway =
        Gateway.builder()
            .route("any", answersId("any", r -> r.path("/e/{x}")))
            .route("get", answersId("get", r -> r.get("/e/{y}")))
            .build();

    assertThat(winner(gateway, "/e/1")).isEqualTo("get");
    assertThat(winner(gateway, Request.of("PUT", "/e/1"))).isEqualTo("any");
  }
}
