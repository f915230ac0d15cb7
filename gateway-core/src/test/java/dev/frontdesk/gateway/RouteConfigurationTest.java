package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration mistakes: setters refuse them at once, build() lists all the rest together. */
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
  void routeSettersRefuseBadInputAtOnceNamingTheRoute() {
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.path("api")))
        .hasMessage("route 'r': path must start with '/': 'api'");
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
    assertThatThrownBy(() -> Gateway.builder().route("r", r -> r.proxyTo("ftp://a")))
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
    assertThatThrownBy(
            () ->
                Gateway.builder()
                    .upstream(Upstream.of("u", "http://a"))
                    .upstream(Upstream.of("u", "http://b"))
                    .build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e -> assertThat(e.problems()).containsExactly("upstream 'u' is declared twice"));
    assertThatThrownBy(() -> Gateway.builder().group("/api/", g -> {}))
        .hasMessage(
            "group prefix must be literal segments like '/api' (no trailing '/', no patterns): '/api/'");
  }
}
