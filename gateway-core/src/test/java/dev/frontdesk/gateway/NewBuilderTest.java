package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Gateway#newBuilder()}: a copy of the configuration to change, the original untouched. */
class NewBuilderTest {
  private static Gateway original(MockWebServer upstream) {
    return Gateway.builder()
        .upstream(Upstream.of("users", TestUpstreams.baseUrl(upstream)))
        .use(Middlewares.setResponseHeader("X-Served-By", "original"))
        .via("edge-1")
        .route(
            "users",
            r -> r.path("/api/users/**").use(Middlewares.stripPrefix(1)).proxyToUpstream("users"))
        .group(
            "/admin",
            g ->
                g.use(Middlewares.setResponseHeader("X-Admin", "yes"))
                    .route("stats", r -> r.get("/stats").respond(200, "text/plain", "stats")))
        .route("health", r -> r.get("/health").respond(200, "text/plain", "ok"))
        .route("old", r -> r.get("/old").redirect(301, "/new"))
        .build();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      GET    | /api/users/1 | 200 | upstream /users/1 | original | -
      GET    | /admin/stats | 200 | stats             | original | yes
      GET    | /health      | 200 | ok                | original | -
      POST   | /health      | 405 | -                 | original | -
      GET    | /old         | 301 | -                 | original | -
      GET    | /nothing     | 404 | -                 | original | -
      """)
  void anUnchangedCopyAnswersAsTheOriginal(
      String method, String path, int status, String body, String servedBy, String admin)
      throws IOException, InterruptedException {
    try (MockWebServer upstream = TestUpstreams.started();
        Gateway gateway = original(upstream);
        Gateway copy = gateway.newBuilder().build()) {
      for (Gateway g : new Gateway[] {gateway, copy}) {
        if (path.startsWith("/api/")) {
          upstream.enqueue(TestUpstreams.text(200, "upstream " + path.substring(4)));
        }
        try (Response response = g.handle(Request.of(method, path))) {
          assertThat(response.status()).isEqualTo(status);
          assertThat(response.headers().get("X-Served-By")).isEqualTo(servedBy);
          assertThat(response.headers().get("X-Admin")).isEqualTo(admin.equals("-") ? null : admin);
          if (!body.equals("-")) {
            assertThat(response.body().string()).isEqualTo(body);
          }
        }
        if (path.startsWith("/api/")) {
          RecordedRequest seen = TestUpstreams.take(upstream);
          assertThat(seen.getTarget()).isEqualTo(path.substring(4));
          assertThat(seen.getHeaders().get("Via")).isEqualTo("1.1 edge-1");
        }
      }
      assertThat(copy.routes())
          .extracting(Route::id)
          .containsExactlyElementsOf(gateway.routes().stream().map(Route::id).toList());
    }
  }

  @Test
  void changingTheCopyLeavesTheOriginalAsItWas() throws IOException, InterruptedException {
    try (MockWebServer upstream = TestUpstreams.started();
        Gateway gateway = original(upstream)) {
      Gateway.Builder copy =
          gateway
              .newBuilder()
              .via("edge-2")
              .readTimeout(Duration.ofSeconds(1))
              .route("extra", r -> r.get("/extra").respond(200, "text/plain", "extra"));
      try (Gateway changed = copy.build()) {
        try (Response response = changed.handle(Request.of("GET", "/extra"))) {
          assertThat(response.status()).isEqualTo(200);
        }
        try (Response response = gateway.handle(Request.of("GET", "/extra"))) {
          assertThat(response.status()).as("the original has no such route").isEqualTo(404);
        }
        for (Gateway g : new Gateway[] {gateway, changed}) {
          upstream.enqueue(TestUpstreams.text(200, "u"));
          try (Response response = g.handle(Request.of("GET", "/api/users/7"))) {
            assertThat(response.status()).isEqualTo(200);
          }
          assertThat(TestUpstreams.take(upstream).getHeaders().get("Via"))
              .isEqualTo(g == gateway ? "1.1 edge-1" : "1.1 edge-2");
        }
        assertThat(gateway.routes()).extracting(Route::id).doesNotContain("extra");
        try (Gateway second = gateway.newBuilder().build()) {
          assertThat(second.routes())
              .extracting(Route::id)
              .as("a second copy starts from the original, not from the first copy")
              .doesNotContain("extra");
        }
      }
    }
  }
}
