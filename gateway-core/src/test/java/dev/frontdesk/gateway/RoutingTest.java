package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
  /** A route that answers with its own id, so a test can see which route won. */
  private static Consumer<Route.Builder> answersId(String id, Consumer<Route.Builder> spec) {
    return r -> spec.accept(r.respond(200, "text/plain", id));
  }

  private static String winner(Gateway gateway, Request request) {
    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).as("status for %s", request).isEqualTo(200);
      return response.body().string();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String winner(Gateway gateway, String target) {
    return winner(gateway, Request.of("GET", target));
  }

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
    Gateway gateway = Gateway.builder()
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
    Gateway gateway = Gateway.builder()
        .route("any", answersId("any", r -> r.path("/x")))
        .route("wildcard", answersId("wildcard", r -> r.path("/x").host("*.example.com")))
        .route("deep-wildcard", answersId("deep-wildcard", r -> r.path("/x").host("*.eu.example.com")))
        .route("exact", answersId("exact", r -> r.path("/x").host("api.example.com")))
        .build();

    assertThat(winner(gateway, Request.builder().host(host).target("/x").build())).isEqualTo(expected);
  }

  @Test
  void routesNamingFewerMethodsAreTriedFirst() {
    Gateway gateway = Gateway.builder()
        .route("many", answersId("many", r -> r.methods("GET", "POST").path("/x")))
        .route("one", answersId("one", r -> r.get("/x")))
        .build();

    assertThat(winner(gateway, "/x")).isEqualTo("one");
    assertThat(winner(gateway, Request.of("POST", "/x"))).isEqualTo("many");
  }

  @Test
  void routesWithMoreConditionsAreTriedFirst() {
    Gateway gateway = Gateway.builder()
        .route("plain", answersId("plain", r -> r.path("/x")))
        .route("beta", answersId("beta", r -> r.path("/x").header("X-Beta")))
        .build();

    assertThat(winner(gateway, Request.builder().target("/x").header("X-Beta", "1").build())).isEqualTo("beta");
    assertThat(winner(gateway, "/x")).isEqualTo("plain");
  }

  @Test
  void equallySpecificRoutesAreTriedInDeclarationOrder() {
    Gateway gateway = Gateway.builder()
        .route("first", answersId("first", r -> r.path("/x").header("A")))
        .route("second", answersId("second", r -> r.path("/x").header("B")))
        .build();

    assertThat(winner(gateway, Request.builder().target("/x").header("A", "1").header("B", "1").build()))
        .isEqualTo("first");
    assertThat(winner(gateway, Request.builder().target("/x").header("B", "1").build())).isEqualTo("second");
    assertThat(gateway.routes()).extracting(Route::id).containsExactly("first", "second");
  }

  @Test
  void variablesCaptureOneDecodedSegmentAndAreReadWithPathVariable() {
    Gateway gateway = Gateway.builder()
        .route("order", r -> r.get("/users/{id}/orders/{orderId}").handler(req -> Response.builder()
            .body("text/plain", req.pathVariable("id") + "|" + req.pathVariable("orderId")
                + "|" + req.attribute(Attributes.ROUTE_ID)).build()))
        .build();

    assertThat(winner(gateway, "/users/7/orders/a%20b")).isEqualTo("7|a b|order");
    assertThat(gateway.handle(Request.of("GET", "/users/7/orders")).status()).isEqualTo(404);
    assertThat(gateway.handle(Request.of("GET", "/users/7/orders/1/x")).status()).isEqualTo(404);
  }

  @Test
  void aStarMatchesExactlyOneSegmentWithoutCapturing() {
    Gateway gateway = Gateway.builder().route("meta", answersId("meta", r -> r.path("/files/*/meta"))).build();

    assertThat(winner(gateway, "/files/report.pdf/meta")).isEqualTo("meta");
    assertThat(gateway.handle(Request.of("GET", "/files/meta")).status()).isEqualTo(404);
    assertThat(gateway.handle(Request.of("GET", "/files/a/b/meta")).status()).isEqualTo(404);
  }

  @Test
  void aTrailingSlashInThePatternOrTheRequestIsIgnoredForMatching() {
    Gateway gateway = Gateway.builder().route("dir", answersId("dir", r -> r.path("/docs/"))).build();

    assertThat(winner(gateway, "/docs")).isEqualTo("dir");
    assertThat(winner(gateway, "/docs/")).isEqualTo("dir");
  }

  @Test
  void aWildcardHostDoesNotMatchItsBareDomain() {
    Gateway gateway = Gateway.builder().route("w", answersId("w", r -> r.path("/x").host("*.example.com"))).build();

    assertThat(gateway.handle(Request.builder().host("example.com").target("/x").build()).status()).isEqualTo(404);
    assertThat(gateway.handle(Request.builder().host("evil-example.com").target("/x").build()).status()).isEqualTo(404);
  }

  @Test
  void getAdmitsHeadAndOtherMethodsGet405WithAnAllowHeader() {
    Gateway gateway = Gateway.builder()
        .route("read", answersId("read", r -> r.get("/x")))
        .route("write", answersId("write", r -> r.post("/x")))
        .build();

    assertThat(gateway.handle(Request.of("HEAD", "/x")).status()).isEqualTo(200);
    Response response = gateway.handle(Request.of("DELETE", "/x"));
    JsonNode problem = problem(response, 405);
    assertThat(response.header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(problem.path("title").asText()).isEqualTo("Method Not Allowed");
    assertThat(problem.path("detail").asText()).isEqualTo("method DELETE is not allowed here; allowed: GET, HEAD, POST");
  }

  @Test
  void headerConditionsTestPresenceExactValueAndWholeRegex() {
    Gateway gateway = Gateway.builder()
        .route("present", answersId("present", r -> r.path("/p").header("X-Key")))
        .route("equals", answersId("equals", r -> r.path("/e").header("X-Version", "2")))
        .route("regex", answersId("regex", r -> r.path("/r").headerMatches("Accept", "application/(json|xml)")))
        .build();

    assertThat(winner(gateway, Request.builder().target("/p").header("x-key", "").build())).isEqualTo("present");
    assertThat(gateway.handle(Request.of("GET", "/p")).status()).isEqualTo(404);
    assertThat(winner(gateway, Request.builder().target("/e").addHeader("X-Version", "1").addHeader("X-Version", "2").build()))
        .isEqualTo("equals");
    assertThat(gateway.handle(Request.builder().target("/e").header("X-Version", "20").build()).status()).isEqualTo(404);
    assertThat(winner(gateway, Request.builder().target("/r").header("Accept", "application/xml").build())).isEqualTo("regex");
    assertThat(gateway.handle(Request.builder().target("/r").header("Accept", "application/json+x").build()).status())
        .isEqualTo(404);
  }

  @Test
  void queryConditionsTestPresenceDecodedValueAndWholeRegex() {
    Gateway gateway = Gateway.builder()
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
  void buildListsEveryProblemAtOnce() {
    GatewayBuilder builder = Gateway.builder()
        .upstream(Upstream.of("users", "http://localhost:8081"))
        .route("dup", r -> r.path("/a").respond(200))
        .route("dup", r -> r.path("/b").respond(200))
        .route("no-path", r -> r.respond(200))
        .route("no-target", r -> r.path("/c"))
        .route("unknown", r -> r.path("/d").toUpstream("orders"))
        .route("wide", r -> r.path("/e/{x}").respond(200))
        .route("shadowed", r -> r.path("/e/{y}").respond(200));

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(GatewayConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "route id 'dup' is used by more than one route",
            "route 'no-path' has no path: call path(...), get(...), post(...), ...",
            "route 'no-target' has no target: call to(url), toUpstream(name), respond(...), redirect(...) or handler(...)",
            "route 'unknown' refers to unknown upstream 'orders' (declared: [users])",
            "route 'shadowed' can never match: route 'wide' comes first and matches every request it would"))
        .hasMessageStartingWith("invalid gateway configuration (5 problems):\n  - route id 'dup'");
  }

  @Test
  void aRouteWithTheSameShapeButFewerMethodsIsNotShadowed() {
    Gateway gateway = Gateway.builder()
        .route("any", answersId("any", r -> r.path("/e/{x}")))
        .route("get", answersId("get", r -> r.get("/e/{y}")))
        .build();

    assertThat(winner(gateway, "/e/1")).isEqualTo("get");
    assertThat(winner(gateway, Request.of("PUT", "/e/1"))).isEqualTo("any");
  }

  @Test
  void routeSettersRefuseBadInputAtOnceNamingTheRoute() {
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.path("api")))
        .hasMessage("route 'r': path must start with '/': 'api'");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.path("/a").path("/b")))
        .hasMessage("route 'r': path is already set to '/a'");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.path("/a/**/b")))
        .hasMessage("route 'r': '**' may only be the last segment: '/a/**/b'");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.path("/a/{id}/{id}")))
        .hasMessage("route 'r': path variable {id} appears twice: '/a/{id}/{id}'");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.path("/a/x{id}")))
        .hasMessageStartingWith("route 'r': path segment 'x{id}' has '{'");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.host("bad host")))
        .hasMessageStartingWith("route 'r': host 'bad host' has ' '");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.methods("GE T")))
        .hasMessage("route 'r': method must be a token: 'GE T'");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.to("http://a").respond(200)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("route 'r' already has a target, to(http://a); a route has exactly one");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.to("ftp://a")))
        .hasMessage("route 'r': upstream URL must be an absolute http(s) URL: 'ftp://a'");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.readTimeout(Duration.ZERO)))
        .hasMessage("route 'r': readTimeout must be positive: PT0S");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.redirect(200, "/x")))
        .hasMessage("route 'r': redirect status must be 301, 302, 303, 307 or 308: 200");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.respond(99)))
        .hasMessage("route 'r': status must be 100..599: 99");
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.headerMatches("X", "(")))
        .hasMessageStartingWith("route 'r': invalid regular expression '(': ");
    assertThatThrownBy(() -> Gateway.builder().route(" ", r -> r.path("/")))
        .hasMessage("route id must not be blank");
  }

  @Test
  void gatewaySettersRefuseBadInputAtOnce() {
    assertThatThrownBy(() -> Gateway.builder().trustedProxies("10.0.0.0/33"))
        .hasMessage("trusted proxy '10.0.0.0/33' has an invalid prefix length");
    assertThatThrownBy(() -> Gateway.builder().trustedProxies("proxy.local"))
        .hasMessage("trusted proxy 'proxy.local' is not an IP address or CIDR block");
    assertThatThrownBy(() -> Gateway.builder().readTimeout(Duration.ofSeconds(-1)))
        .hasMessage("readTimeout must be positive: PT-1S");
    assertThatThrownBy(() -> Gateway.builder().upstream(Upstream.of("u", "http://a")).upstream(Upstream.of("u", "http://b")))
        .hasMessage("upstream 'u' is declared twice");
    assertThatThrownBy(() -> Gateway.builder().group("/api/", g -> {}))
        .hasMessage("group prefix must be literal segments like '/api' (no trailing '/', no patterns): '/api/'");
  }
}
