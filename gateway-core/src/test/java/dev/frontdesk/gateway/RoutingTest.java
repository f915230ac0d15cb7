package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RoutingTest {
  /** A route that answers with its own id, so a test can see which route won. */
  static Consumer<Route.Builder> answersId(String id, Consumer<Route.Builder> spec) {
    return r -> spec.accept(r.respond(200, "text/plain", id));
  }

  static String winner(Gateway gateway, Request request) {
    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).as("status for %s", request).isEqualTo(200);
      return response.body().string();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String winner(Gateway gateway, String target) {
    return winner(gateway, Request.of("GET", target));
  }

  @Test
  void variablesCaptureOneDecodedSegmentAndAreReadWithPathVariable() {
    Gateway gateway =
        Gateway.builder()
            .route(
                "order",
                r ->
                    r.get("/users/{id}/orders/{orderId}")
                        .handleWith(
                            req ->
                                Response.builder()
                                    .body(
                                        "text/plain",
                                        req.pathVariable("id")
                                            + "|"
                                            + req.pathVariable("orderId")
                                            + "|"
                                            + req.attribute(Attributes.ROUTE_ID))
                                    .build()))
            .build();

    assertThat(winner(gateway, "/users/7/orders/a%20b")).isEqualTo("7|a b|order");
    assertThat(gateway.handle(Request.of("GET", "/users/7/orders")).status()).isEqualTo(404);
    assertThat(gateway.handle(Request.of("GET", "/users/7/orders/1/x")).status()).isEqualTo(404);
  }

  @Test
  void aStarMatchesExactlyOneSegmentWithoutCapturing() {
    Gateway gateway =
        Gateway.builder().route("meta", answersId("meta", r -> r.path("/files/*/meta"))).build();

    assertThat(winner(gateway, "/files/report.pdf/meta")).isEqualTo("meta");
    assertThat(gateway.handle(Request.of("GET", "/files/meta")).status()).isEqualTo(404);
    assertThat(gateway.handle(Request.of("GET", "/files/a/b/meta")).status()).isEqualTo(404);
  }

  @Test
  void aTrailingSlashInThePatternOrTheRequestIsIgnoredForMatching() {
    Gateway gateway =
        Gateway.builder().route("dir", answersId("dir", r -> r.path("/docs/"))).build();

    assertThat(winner(gateway, "/docs")).isEqualTo("dir");
    assertThat(winner(gateway, "/docs/")).isEqualTo("dir");
  }

  @Test
  void aWildcardHostDoesNotMatchItsBareDomain() {
    Gateway gateway =
        Gateway.builder()
            .route("w", answersId("w", r -> r.path("/x").host("*.example.com")))
            .build();

    assertThat(gateway.handle(Request.builder().host("example.com").target("/x").build()).status())
        .isEqualTo(404);
    assertThat(
            gateway
                .handle(Request.builder().host("evil-example.com").target("/x").build())
                .status())
        .isEqualTo(404);
  }

  @Test
  void getAdmitsHeadAndOtherMethodsGet405WithAnAllowHeader() {
    Gateway gateway =
        Gateway.builder()
            .route("read", answersId("read", r -> r.get("/x")))
            .route("write", answersId("write", r -> r.post("/x")))
            .build();

    assertThat(gateway.handle(Request.of("HEAD", "/x")).status()).isEqualTo(200);
    Response response = gateway.handle(Request.of("DELETE", "/x"));
    JsonNode problem = problem(response, 405);
    assertThat(response.header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(problem.path("title").asText()).isEqualTo("Method Not Allowed");
    assertThat(problem.path("detail").asText())
        .isEqualTo("method DELETE is not allowed here; allowed: GET, HEAD, POST");
  }

  @Test
  void headerConditionsTestPresenceExactValueAndWholeRegex() {
    Gateway gateway =
        Gateway.builder()
            .route("present", answersId("present", r -> r.path("/p").header("X-Key")))
            .route("equals", answersId("equals", r -> r.path("/e").header("X-Version", "2")))
            .route(
                "regex",
                answersId(
                    "regex", r -> r.path("/r").headerMatches("Accept", "application/(json|xml)")))
            .build();

    assertThat(winner(gateway, Request.builder().target("/p").header("x-key", "").build()))
        .isEqualTo("present");
    assertThat(gateway.handle(Request.of("GET", "/p")).status()).isEqualTo(404);
    assertThat(
            winner(
                gateway,
                Request.builder()
                    .target("/e")
                    .addHeader("X-Version", "1")
                    .addHeader("X-Version", "2")
                    .build()))
        .isEqualTo("equals");
    assertThat(
            gateway
                .handle(Request.builder().target("/e").header("X-Version", "20").build())
                .status())
        .isEqualTo(404);
    assertThat(
            winner(
                gateway,
                Request.builder().target("/r").header("Accept", "application/xml").build()))
        .isEqualTo("regex");
    assertThat(
            gateway
                .handle(
                    Request.builder().target("/r").header("Accept", "application/json+x").build())
                .status())
        .isEqualTo(404);
  }

  @Test
  void queryConditionsTestPresenceDecodedValueAndWholeRegex() {
    Gateway gateway =
        Gateway.builder()
            .route("present", answersId("present", r -> r.path("/p").query("debug")))
            .route("equals", answersId("equals", r -> r.path("/e").query("q", "a b")))
            .route("regex", answersId("regex", r -> r.path("/r").queryMatches("page", "[0-9]+")))
            .build();

    assertThat(winner(gateway, "/p?debug")).isEqualTo("present");
    assertThat(gateway.handle(Request.of("GET", "/p?debugging=1")).status()).isEqualTo(404);
    assertThat(winner(gateway, "/e?x=1&q=a%20b")).isEqualTo("equals");
    assertThat(winner(gateway, "/e?q=a+b")).isEqualTo("equals");
    assertThat(winner(gateway, "/r?page=12")).isEqualTo("regex");
    assertThat(gateway.handle(Request.of("GET", "/r?page=12a")).status()).isEqualTo(404);
  }

  @Test
  void noRouteIsAnswered404ProblemJsonWithARequestId() {
    Gateway gateway = Gateway.builder().route("x", answersId("x", r -> r.path("/x"))).build();

    Response response = gateway.handle(Request.of("GET", "/nothing/here"));

    JsonNode problem = problem(response, 404);
    assertThat(problem.path("title").asText()).isEqualTo("Not Found");
    assertThat(problem.path("detail").asText()).isEqualTo("no route matches GET /nothing/here");
    assertThat(problem.path("instance").asText()).isEqualTo("/nothing/here");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void anAmbiguousPathIsAnswered400BeforeAnyRouteIsConsidered() {
    Gateway gateway = Gateway.builder().route("all", answersId("all", r -> r.path("/**"))).build();

    JsonNode problem = problem(gateway.handle(Request.of("GET", "/public/%2e%2e/admin")), 400);
    assertThat(problem.path("detail").asText())
        .isEqualTo("rejected an ambiguous request path: a dot segment ('.' or '..') in the path");
  }

  @Test
  void aGroupsRouteForSlashIsTheGroupPrefixItself() {
    Gateway gateway =
        Gateway.builder()
            .group(
                "/api",
                api ->
                    api.group(
                        "/v1",
                        v1 ->
                            v1.route("root", answersId("root", r -> r.get("/")))
                                .route("users", answersId("users", r -> r.get("/users/**")))))
            .build();

    assertThat(winner(gateway, "/api/v1")).isEqualTo("root");
    assertThat(winner(gateway, "/api/v1/users/7")).isEqualTo("users");
    assertThat(gateway.routes())
        .extracting(Route::path)
        .containsExactlyInAnyOrder("/api/v1", "/api/v1/users/**");
  }

  @Test
  void aPathLongerThan8192IsAnswered414() {
    Gateway gateway = Gateway.builder().route("all", answersId("all", r -> r.path("/**"))).build();

    assertThat(
            problem(gateway.handle(Request.of("GET", "/" + "a".repeat(9000))), 414)
                .path("title")
                .asText())
        .isEqualTo("URI Too Long");
  }
}
