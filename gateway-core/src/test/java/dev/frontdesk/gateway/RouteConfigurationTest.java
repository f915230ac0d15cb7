package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration mistakes: setters record them, build() lists them all together. */
class RouteConfigurationTest {
  @Test
  void buildListsEveryProblemAtOnce() {
    Gateway.Builder builder =
        Gateway.builder()
            .upstream(Upstream.of("users", "http://localhost:8081"))
            .route("dup", r -> r.path("/a").respond(200))
            .route("dup", r -> r.path("/b").respond(200))
            .route("no-path", r -> r.respond(200))
            .route("no-target", r -> r.path("/c"))
            .route("unknown", r -> r.path("/d").proxyToUpstream("orders"))
            .route("wide", r -> r.path("/e/{x}").respond(200))
            .route("shadowed", r -> r.path("/e/{y}").respond(200));

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "route id 'dup' is used by more than one route",
                        "route 'no-path' has no path: call path(...), get(...), post(...), ...",
                        "route 'no-target' has no target: call proxyTo(url), proxyToUpstream(name), respond(...), redirect(...) or handleWith(...)",
                        "route 'unknown' refers to unknown upstream 'orders' (declared: [users])",
                        "route 'shadowed' can never match: route 'wide' comes first and matches every request it would"))
        .hasMessageStartingWith("invalid gateway configuration (5 problems):\n  - route id 'dup'");
  }

  @Test
  void routeSettersRecordBadInputNamingTheRouteAndBuildReportsIt() {
    assertThat(problems(route(r -> r.path("api").respond(200))))
        .containsExactly("route 'r': path must start with '/': 'api'");
    assertThat(problems(route(r -> r.path("/a/**/b").respond(200))))
        .containsExactly("route 'r': '**' may only be the last segment: '/a/**/b'");
    assertThat(problems(route(r -> r.path("/a/{id}/{id}").respond(200))))
        .containsExactly("route 'r': path variable {id} appears twice: '/a/{id}/{id}'");
    assertThat(problems(route(r -> r.path("/a/x{id}").respond(200))))
        .singleElement(STRING)
        .startsWith("route 'r': path segment 'x{id}' has '{'");
    assertThat(problems(route(r -> r.path("/").host("bad host").respond(200))))
        .singleElement(STRING)
        .startsWith("route 'r': host 'bad host' has ' '");
    assertThat(problems(route(r -> r.path("/").methods("GE T").respond(200))))
        .containsExactly("route 'r': method must be a token: 'GE T'");
    assertThat(problems(route(r -> r.path("/").proxyTo("ftp://a"))))
        .containsExactly("route 'r': upstream URL must be an absolute http(s) URL: 'ftp://a'");
    assertThat(problems(route(r -> r.path("/").readTimeout(Duration.ZERO).respond(200))))
        .containsExactly("route 'r': readTimeout must be positive: PT0S");
    assertThat(problems(route(r -> r.path("/").redirect(200, "/x"))))
        .containsExactly("route 'r': redirect status must be 301, 302, 303, 307 or 308: 200");
    assertThat(problems(route(r -> r.path("/").respond(99))))
        .containsExactly("route 'r': status must be 100..599: 99");
    assertThat(problems(route(r -> r.path("/").headerMatches("X", "(").respond(200))))
        .singleElement(STRING)
        .startsWith("route 'r': invalid regular expression '(': ");
    assertThat(problems(Gateway.builder().route(" ", r -> r.path("/").respond(200))))
        .containsExactly("route id must not be blank");
  }

  @Test
  void oneBuildReportsEveryValueMistakeOfEveryRouteGroupAndUpstream() {
    Gateway.Builder builder =
        Gateway.builder()
            .readTimeout(Duration.ofSeconds(-1))
            .upstream(
                Upstream.builder("users")
                    .instance("not a url")
                    .deadline(Duration.ZERO)
                    .connectTimeout(Duration.ofMillis(-5))
                    .build())
            .upstream(Upstream.builder("orders").build())
            .route("a", r -> r.get("a").host("bad host").respond(99))
            .group("/api/", g -> g.route("hidden", r -> r.get("/x").respond(200)))
            .group(
                "/v1",
                g ->
                    g.route(
                        "b",
                        r ->
                            r.get("/b")
                                .methods("GE T")
                                .connectTimeout(Duration.ZERO)
                                .proxyToUpstream("users")))
            .route("c", r -> r.path("/c"))
            .route("c", r -> r.path("/c2").respond(600));

    assertThat(problems(builder))
        .containsExactly(
            "readTimeout must be positive: PT-1S",
            "group prefix must be literal segments like '/api' (no trailing '/', no patterns): '/api/'",
            "upstream 'users': upstream URL must be an absolute http(s) URL: 'not a url'",
            "upstream 'users': deadline must be positive: PT0S",
            "upstream 'users': connectTimeout must be positive: PT-0.005S",
            "upstream 'users' needs at least one instance or a discovery",
            "upstream 'orders' needs at least one instance or a discovery",
            "route 'a': path must start with '/': 'a'",
            "route 'a': host 'bad host' has ' '; only letters, digits, '-' and '.' are allowed (with an optional leading '*.')",
            "route 'a': status must be 100..599: 99",
            "route 'b': method must be a token: 'GE T'",
            "route 'b': connectTimeout must be positive: PT0S",
            "route 'c' has no target: call proxyTo(url), proxyToUpstream(name), respond(...), redirect(...) or handleWith(...)",
            "route id 'c' is used by more than one route",
            "route 'c': status must be 100..599: 600");
  }

  @Test
  void aNullArgumentIsAProgrammingErrorThrownAtOnce() {
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.path(null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pattern");
    assertThatThrownBy(() -> Gateway.builder().readTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("readTimeout");
    assertThatThrownBy(() -> Upstream.builder("u").tryTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tryTimeout");
  }

  @Test
  void gatewaySettersRecordBadInputAndBuildReportsIt() {
    assertThat(problems(Gateway.builder().trustedProxies("10.0.0.0/33")))
        .containsExactly("trusted proxy '10.0.0.0/33' has an invalid prefix length");
    assertThat(problems(Gateway.builder().trustedProxies("proxy.local")))
        .containsExactly("trusted proxy 'proxy.local' is not an IP address or CIDR block");
    assertThat(problems(Gateway.builder().readTimeout(Duration.ofSeconds(-1))))
        .containsExactly("readTimeout must be positive: PT-1S");
    assertThat(
            problems(
                Gateway.builder()
                    .upstream(Upstream.of("u", "http://a"))
                    .upstream(Upstream.of("u", "http://b"))))
        .containsExactly("upstream 'u' is declared twice");
    assertThat(problems(Gateway.builder().group("/api/", g -> {})))
        .containsExactly(
            "group prefix must be literal segments like '/api' (no trailing '/', no patterns): '/api/'");
  }

  private static Gateway.Builder route(java.util.function.Consumer<Route.Builder> spec) {
    return Gateway.builder().route("r", spec);
  }

  /** The problems build() reports; fails the test when it builds. */
  static java.util.List<String> problems(Gateway.Builder builder) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(builder::build);
    assertThat(thrown).isInstanceOf(GatewayConfigException.class);
    return ((GatewayConfigException) thrown).problems();
  }
}
