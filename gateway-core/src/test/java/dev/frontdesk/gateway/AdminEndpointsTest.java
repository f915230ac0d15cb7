package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Read-only views of a live gateway: probes open, the rest behind their own authentication. */
class AdminEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Middleware NEEDS_KEY =
      chain -> {
        if (!"admin-secret".equals(chain.request().header("X-Admin-Key"))) {
          throw GatewayException.unauthorized("an admin key is required");
        }
        return chain.proceed(chain.request());
      };

  private final MockWebServer users = TestUpstreams.alwaysOk();
  private final String down = downUrl();
  private final Gateway served =
      Gateway.builder()
          .upstream(Upstream.builder("users").instance(baseUrl(users)).build())
          .upstream(
              Upstream.builder("billing")
                  .instance(down)
                  .healthCheck(
                      HealthCheck.builder("/health")
                          .interval(Duration.ofSeconds(30))
                          .startHealthy(false)
                          .build())
                  .build())
          .route("users", r -> r.path("/api/users/**").proxyToUpstream("users"))
          .route("billing", r -> r.get("/api/billing").proxyToUpstream("billing"))
          .build();

  @AfterEach
  void stop() {
    served.close();
    users.close();
  }

  private static String downUrl() {
    MockWebServer closed = TestUpstreams.started();
    String url = baseUrl(closed);
    closed.close();
    return url;
  }

  private Gateway admin() {
    return AdminEndpoints.builder(() -> served)
        .prefix("/admin")
        .authentication(NEEDS_KEY)
        .metrics(() -> "requests_total 7\n", "text/plain; version=0.0.4")
        .build();
  }

  private static JsonNode get(Gateway admin, String path, int status) throws IOException {
    try (Response response =
        admin.handle(
            Request.builder()
                .method("GET")
                .path(path)
                .header("X-Admin-Key", "admin-secret")
                .build())) {
      assertThat(response.status()).isEqualTo(status);
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
      return JSON.readTree(response.body().string());
    }
  }

  @Test
  void probesAnswerWithoutCredentialsAndReadinessFollowsShutdown() throws IOException {
    try (Gateway admin = admin()) {
      assertThat(status(admin, Request.of("GET", "/admin/health/live"))).isEqualTo(200);
      assertThat(status(admin, Request.of("GET", "/admin/health/ready"))).isEqualTo(200);

      served.shutdown(Duration.ZERO);

      JsonNode ready = get(admin, "/admin/health/ready", 503);
      assertThat(ready.get("status").asText()).isEqualTo("DOWN");
      assertThat(ready.get("reasons").get(0).asText()).isEqualTo("the gateway is shutting down");
      assertThat(status(admin, Request.of("GET", "/admin/health/live"))).isEqualTo(200);
    }
  }

  @Test
  void aRequiredUpstreamWithoutAvailableInstancesMakesTheGatewayNotReady() throws IOException {
    try (Gateway admin =
        AdminEndpoints.builder(() -> served)
            .allowUnauthenticated()
            .requiredUpstreams("users", "billing")
            .build()) {
      JsonNode ready = get(admin, "/health/ready", 503);
      assertThat(ready.get("reasons")).hasSize(1);
      assertThat(ready.get("reasons").get(0).asText())
          .isEqualTo("required upstream 'billing' has no available instance");
    }
    try (Gateway admin =
        AdminEndpoints.builder(() -> served)
            .allowUnauthenticated()
            .requiredUpstreams("users")
            .build()) {
      assertThat(get(admin, "/health/ready", 200).get("status").asText()).isEqualTo("UP");
    }
  }

  @Test
  void routesAndUpstreamsAreListedAsJson() throws IOException {
    try (Gateway admin = admin()) {
      JsonNode routes = get(admin, "/admin/routes", 200);
      assertThat(routes).hasSize(2); // in the order they are tried: the literal path first
      assertThat(routes.get(0).get("id").asText()).isEqualTo("billing");
      assertThat(routes.get(0).get("methods").toString()).isEqualTo("[\"GET\"]");
      assertThat(routes.get(1).get("id").asText()).isEqualTo("users");
      assertThat(routes.get(1).get("path").asText()).isEqualTo("/api/users/**");

      JsonNode upstreams = get(admin, "/admin/upstreams", 200);
      assertThat(upstreams.get(0).get("name").asText()).isEqualTo("users");
      JsonNode user = upstreams.get(0).get("instances").get(0);
      assertThat(user.get("url").asText()).isEqualTo(baseUrl(users));
      assertThat(user.get("available").asBoolean()).isTrue();
      JsonNode billing = upstreams.get(1).get("instances").get(0);
      assertThat(billing.get("healthy").asBoolean()).isFalse();
      assertThat(billing.get("available").asBoolean()).isFalse();
      assertThat(billing.get("ejected").asBoolean()).isFalse();
    }
    assertThat(users.getRequestCount()).isZero(); // looking is not calling
  }

  @Test
  void theMetricsScrapeIsServedAsGiven() throws IOException {
    try (Gateway admin = admin();
        Response response =
            admin.handle(
                Request.builder()
                    .method("GET")
                    .path("/admin/metrics")
                    .header("X-Admin-Key", "admin-secret")
                    .build())) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("text/plain; version=0.0.4");
      assertThat(response.body().string()).isEqualTo("requests_total 7\n");
    }
  }

  @ParameterizedTest
  @CsvSource({"/admin/routes", "/admin/upstreams", "/admin/metrics"})
  void everythingButTheProbesNeedsTheAdminsCredentials(String path) throws IOException {
    try (Gateway admin = admin();
        Response response = admin.handle(Request.of("GET", path))) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.body().string()).contains("an admin key is required");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "POST,/admin/routes",
    "PUT,/admin/upstreams",
    "DELETE,/admin/upstreams",
    "PATCH,/admin/health/ready",
    "POST,/admin/health/live",
    "OPTIONS,/admin/metrics",
    "TRACE,/admin/routes"
  })
  void everyMethodButGetAndHeadIsRefused(String method, String path) throws IOException {
    try (Gateway admin = admin();
        Response response =
            admin.handle(
                Request.builder()
                    .method(method)
                    .path(path)
                    .header("X-Admin-Key", "admin-secret")
                    .build())) {
      assertThat(response.status()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
      response.body().string();
    }
    assertThat(served.isAcceptingRequests()).isTrue();
  }

  @Test
  void headAnswersLikeGetWithoutABody() throws IOException {
    try (Gateway admin = admin();
        Response response =
            admin.handle(
                Request.builder()
                    .method("HEAD")
                    .path("/admin/routes")
                    .header("X-Admin-Key", "admin-secret")
                    .build())) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }
  }

  @Test
  void choosingNoAuthenticationIsAConfigurationError() {
    assertThatThrownBy(() -> AdminEndpoints.builder(() -> served).build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining(
            "admin endpoints: call authentication(...) to protect /routes, /upstreams and /metrics,"
                + " or allowUnauthenticated() when the port is private");
    assertThatThrownBy(
            () ->
                AdminEndpoints.builder(() -> served)
                    .prefix("/admin/")
                    .allowUnauthenticated()
                    .build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining(
            "admin endpoints: prefix must start with '/' and be a plain path without a trailing '/': /admin/");
  }

  private static int status(Gateway admin, Request request) throws IOException {
    try (Response response = admin.handle(request)) {
      response.body().string();
      return response.status();
    }
  }
}
