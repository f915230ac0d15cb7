package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The one setter rule: an option set again takes the last value, in every builder. */
class LastCallWinsTest {
  @Test
  void aGatewaySettingSetAgainTakesTheLastValue() throws IOException {
    try (MockWebServer upstream = TestUpstreams.started();
        Gateway gateway =
            TestUpstreams.proxyAll(upstream, b -> b.via("first").noVia().via("last"))) {
      upstream.enqueue(text(200, "ok"));
      try (Response response = gateway.handle(Request.of("GET", "/x"))) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Via")).isEqualTo("1.1 last");
      }
      assertThat(take(upstream).getHeaders().get("Via")).isEqualTo("1.1 last");
    }
  }

  @Test
  void aRoutePathAndHostSetAgainTakeTheLastValue() throws IOException {
    try (Gateway gateway =
        Gateway.builder()
            .route(
                "r",
                r ->
                    r.path("/first").host("a.example").path("/last").host("b.example").respond(200))
            .build()) {
      assertThat(
              status(
                  gateway, Request.builder().method("GET").host("b.example").path("/last").build()))
          .isEqualTo(200);
      assertThat(
              status(
                  gateway,
                  Request.builder().method("GET").host("b.example").path("/first").build()))
          .isEqualTo(404);
      assertThat(
              status(
                  gateway, Request.builder().method("GET").host("a.example").path("/last").build()))
          .isEqualTo(404);
      assertThat(gateway.routes().get(0).path()).isEqualTo("/last");
    }
  }

  @Test
  void aRouteTargetSetAgainIsReplacedWhicheverVerbSetIt() throws IOException {
    try (MockWebServer upstream = TestUpstreams.started();
        Gateway gateway =
            Gateway.builder()
                .route("fixed-then-proxy", r -> r.get("/a").respond(201).proxyTo(baseUrl(upstream)))
                .route("proxy-then-fixed", r -> r.get("/b").proxyTo(baseUrl(upstream)).respond(202))
                .route(
                    "redirect-then-fixed",
                    r -> r.get("/c").redirect(301, "/x").respond(203, "text/plain", "c"))
                .build()) {
      upstream.enqueue(text(200, "from upstream"));
      try (Response response = gateway.handle(Request.of("GET", "/a"))) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("from upstream");
      }
      assertThat(take(upstream).getTarget()).isEqualTo("/a");
      assertThat(status(gateway, Request.of("GET", "/b"))).isEqualTo(202);
      try (Response response = gateway.handle(Request.of("GET", "/c"))) {
        assertThat(response.status()).isEqualTo(203);
        assertThat(response.header("Location")).isNull();
        assertThat(response.body().string()).isEqualTo("c");
      }
      assertThat(upstream.getRequestCount()).as("only /a reached the upstream").isEqualTo(1);
    }
  }

  private static int status(Gateway gateway, Request request) throws IOException {
    try (Response response = gateway.handle(request)) {
      return response.status();
    }
  }
}
