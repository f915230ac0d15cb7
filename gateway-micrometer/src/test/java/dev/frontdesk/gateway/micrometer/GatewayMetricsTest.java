package dev.frontdesk.gateway.micrometer;

import static dev.frontdesk.gateway.testing.ConfigProblems.thrownBy;
import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request, upstream and rejection meters read from a registry after real requests through a
 * gateway.
 */
class GatewayMetricsTest {
  private final MockWebServer upstream = TestUpstreams.started();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private Gateway gateway() {
    return Gateway.builder()
        .listener(GatewayMetrics.of(registry))
        .upstream(Upstream.of("users", baseUrl(upstream)))
        .route("users", r -> r.path("/users/**").proxyToUpstream("users"))
        .route("health", r -> r.get("/health").respond(200, "text/plain", "ok"))
        .build();
  }

  private static void call(Gateway gateway, Request request) throws IOException {
    try (Response response = gateway.handle(request)) {
      response.body().string();
    }
  }

  private long serverCount(String route, String method, int status) {
    return registry
        .get("http.server.request.duration")
        .tag("http.route", route)
        .tag("http.request.method", method)
        .tag("http.response.status_code", Integer.toString(status))
        .timer()
        .count();
  }

  @Test
  void eachAnswerIsTimedByRouteMethodAndStatus() throws IOException {
    for (int i = 0; i < 3; i++) {
      upstream.enqueue(text(200, "ok"));
    }
    upstream.enqueue(text(201, "created"));
    try (Gateway gateway = gateway()) {
      for (int i = 0; i < 3; i++) {
        call(gateway, Request.of("GET", "/users/" + i));
      }
      call(gateway, Request.of("POST", "/users"));
      call(gateway, Request.of("GET", "/health"));
      call(gateway, Request.of("GET", "/health"));
    }
    assertThat(serverCount("users", "GET", 200)).isEqualTo(3);
    assertThat(serverCount("users", "POST", 201)).isEqualTo(1);
    assertThat(serverCount("health", "GET", 200)).isEqualTo(2);
    assertThat(
            registry
                .get("http.server.request.duration")
                .tag("http.route", "users")
                .tag("outcome", "SUCCESS")
                .timers())
        .hasSize(2);
    assertThat(registry.get("http.server.request.duration").timers())
        .allSatisfy(t -> assertThat(t.totalTime(TimeUnit.NANOSECONDS)).isPositive());
  }

  @Test
  void aPathNoRouteMatchesIsRouteUnmatchedNeverThePath() throws IOException {
    try (Gateway gateway = gateway()) {
      call(gateway, Request.of("GET", "/nope/1"));
      call(gateway, Request.of("GET", "/nope/2"));
      call(gateway, Request.of("GET", "/a/../b")); // refused before routing
    }
    assertThat(serverCount("unmatched", "GET", 404)).isEqualTo(2);
    assertThat(serverCount("unmatched", "GET", 400)).isEqualTo(1);
    assertThat(registry.getMeters())
        .flatMap(m -> m.getId().getTags())
        .noneMatch(t -> t.getValue().contains("nope"));
  }

  @Test
  void aMethodOutsideTheStandardOnesIsTaggedOther() throws IOException {
    upstream.enqueue(text(200, "brewed"));
    upstream.enqueue(text(200, "brewed"));
    try (Gateway gateway = gateway()) {
      call(gateway, Request.of("BREW", "/users/pot"));
      call(gateway, Request.of("X-ANYTHING-123", "/users/pot"));
    }
    assertThat(serverCount("users", "_OTHER", 200)).isEqualTo(2);
  }

  @Test
  void eachUpstreamTryIsTimedByUpstreamInstanceAndStatus() throws IOException {
    upstream.enqueue(text(200, "ok"));
    upstream.enqueue(text(404, "no such user"));
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway()) {
      for (int i = 0; i < 3; i++) {
        call(gateway, Request.of("GET", "/users/" + i));
      }
    }
    var tries =
        registry
            .get("http.client.request.duration")
            .tag("upstream", "users")
            .tag("instance", baseUrl(upstream));
    assertThat(
            tries.tag("http.response.status_code", "200").tag("error.type", "none").timer().count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("http.client.request.duration")
                .tag("http.response.status_code", "404")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aTryThatGotNoAnswerIsTaggedWithItsExceptionType() throws IOException {
    String closed = baseUrl(upstream);
    upstream.close();
    try (Gateway gateway =
        Gateway.builder()
            .listener(GatewayMetrics.of(registry))
            .route("api", r -> r.path("/api/**").proxyTo(closed))
            .build()) {
      call(gateway, Request.of("GET", "/api/x"));
    }
    Meter.Id failed =
        registry.get("http.client.request.duration").tag("upstream", closed).timer().getId();
    assertThat(failed.getTag("http.response.status_code")).isEqualTo("none");
    assertThat(failed.getTag("error.type")).isEqualTo("ConnectException");
    assertThat(serverCount("api", "GET", 502)).isEqualTo(1);
    assertThat(
            registry
                .get("frontdesk.requests.rejected")
                .tag("reason", "bad_gateway")
                .tag("status", "502")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void requestsInFlightAreCountedUntilTheirAnswerIsClosed() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("slow")
            .headersDelay(1, TimeUnit.SECONDS)
            .build());
    try (Gateway gateway = gateway()) {
      var active = registry.get("http.server.active_requests").gauge();
      assertThat(active.value()).isZero();

      CompletableFuture<Response> slow =
          CompletableFuture.supplyAsync(() -> gateway.handle(Request.of("GET", "/users/1")));
      Poller.until(Duration.ofSeconds(5), () -> active.value() == 1.0);
      try (Response response = slow.get(10, TimeUnit.SECONDS)) {
        assertThat(active.value()).isEqualTo(1.0); // the answer is not delivered yet
        assertThat(response.body().string()).isEqualTo("slow");
      }
      assertThat(active.value()).isZero();
    }
  }

  @Test
  void bodySizesAreSummedPerRoute() throws IOException {
    upstream.enqueue(text(200, "twelve bytes"));
    try (Gateway gateway = gateway()) {
      call(
          gateway,
          Request.builder()
              .method("PUT")
              .path("/users/1")
              .body(Body.of(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 5))
              .build());
    }
    assertThat(
            registry
                .get("http.server.request.body.size")
                .tag("http.route", "users")
                .summary()
                .totalAmount())
        .isEqualTo(5);
    assertThat(
            registry
                .get("http.server.response.body.size")
                .tag("http.route", "users")
                .summary()
                .totalAmount())
        .isEqualTo(12);
  }

  @Test
  void answersTheGatewayMadeItselfAreCountedByReasonAndStatus() throws IOException {
    Middleware limit =
        chain -> {
          throw GatewayException.tooManyRequests("slow down");
        };
    Middleware locked =
        chain -> {
          throw GatewayException.unauthorized("who are you?");
        };
    try (Gateway gateway =
        Gateway.builder()
            .listener(GatewayMetrics.of(registry))
            .route("limited", r -> r.path("/limited/**").use(limit).proxyTo(baseUrl(upstream)))
            .route("secure", r -> r.path("/secure/**").use(locked).proxyTo(baseUrl(upstream)))
            .build()) {
      for (int i = 0; i < 3; i++) {
        call(gateway, Request.of("GET", "/limited/x"));
      }
      call(gateway, Request.of("GET", "/secure/x"));
      call(gateway, Request.of("GET", "/elsewhere"));
    }
    assertThat(rejected("too_many_requests", "429")).isEqualTo(3);
    assertThat(rejected("unauthorized", "401")).isEqualTo(1);
    assertThat(rejected("not_found", "404")).isEqualTo(1);
    assertThat(serverCount("limited", "GET", 429)).isEqualTo(3);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aSubclassThatMakesAReasonPerRequestCannotGrowTheSeriesWithoutBound() throws IOException {
    Middleware careless =
        chain -> {
          String id = chain.request().path();
          throw new GatewayException(403, "no") {
            private static final long serialVersionUID = 1L;

            @Override
            public String reason() {
              return "denied " + id;
            }
          };
        };
    try (Gateway gateway =
        Gateway.builder()
            .listener(GatewayMetrics.of(registry))
            .route("api", r -> r.path("/api/**").use(careless).proxyTo(baseUrl(upstream)))
            .build()) {
      for (int i = 0; i < 100; i++) {
        call(gateway, Request.of("GET", "/api/" + i));
      }
    }
    assertThat(registry.get("frontdesk.requests.rejected").counters()).hasSize(65);
    assertThat(rejected("other", "403")).isEqualTo(36);
  }

  private double rejected(String reason, String status) {
    return registry
        .get("frontdesk.requests.rejected")
        .tag("reason", reason)
        .tag("status", status)
        .counter()
        .count();
  }

  @Test
  void commonTagsAreOnEveryMeter() throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway =
        Gateway.builder()
            .listener(GatewayMetrics.builder(registry).tag("gateway", "edge").build())
            .route("api", r -> r.path("/api/**").proxyTo(baseUrl(upstream)))
            .build()) {
      call(gateway, Request.of("GET", "/api/x"));
    }
    assertThat(registry.getMeters())
        .hasSizeGreaterThan(3)
        .allSatisfy(m -> assertThat(m.getId().getTag("gateway")).isEqualTo("edge"));
  }

  @Test
  void aTagSetAgainTakesTheLastValue() throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway =
        Gateway.builder()
            .listener(
                GatewayMetrics.builder(registry)
                    .tag("gateway", "edge")
                    .tag("gateway", "core")
                    .build())
            .route("api", r -> r.path("/api/**").proxyTo(baseUrl(upstream)))
            .build()) {
      call(gateway, Request.of("GET", "/api/x"));
    }
    assertThat(registry.getMeters())
        .hasSizeGreaterThan(3)
        .allSatisfy(m -> assertThat(m.getId().getTag("gateway")).isEqualTo("core"));
  }

  @Test
  void theBuilderRefusesTagsThatWouldCollideAndBuildListsThemAll() {
    GatewayMetrics.Builder builder =
        GatewayMetrics.builder(registry)
            .tag("gateway", "edge")
            .tag("http.route", "x")
            .tag(" ", "x");
    assertThat(thrownBy(builder::build))
        .containsExactly(
            "GatewayMetrics: tag key 'http.route' is one the gateway's meters set" + " themselves",
            "GatewayMetrics: tag key must not be blank");
    assertThatThrownBy(() -> builder.tag(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    assertThatThrownBy(() -> GatewayMetrics.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("registry");
  }

  @Test
  void keySetRefreshesAreCountedBySourceAndOutcome() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    GatewayMetrics metrics = GatewayMetrics.of(registry);
    metrics.keySetRefreshed("https://idp.example/jwks.json", true);
    metrics.keySetRefreshed("https://idp.example/jwks.json", true);
    metrics.keySetRefreshed("https://idp.example/jwks.json", false);

    assertThat(
            registry
                .get("frontdesk.auth.key_set.refreshes")
                .tag("outcome", "success")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("frontdesk.auth.key_set.refreshes")
                .tag("outcome", "failure")
                .tag("source", "https://idp.example/jwks.json")
                .counter()
                .count())
        .isEqualTo(1);
  }
}
