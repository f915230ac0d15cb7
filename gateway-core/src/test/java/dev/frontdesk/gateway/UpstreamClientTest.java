package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.BrokenUpstream;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Named upstreams with several instances, and a user-supplied OkHttp client. */
class UpstreamClientTest {
  private final MockWebServer first = TestUpstreams.started();
  private final MockWebServer second = TestUpstreams.started();
  private final OkHttpClient userClient = new OkHttpClient();

  @AfterEach
  void stop() {
    first.close();
    second.close();
    userClient.dispatcher().executorService().shutdown();
    userClient.connectionPool().evictAll();
  }

  @Test
  void requestsAreSpreadOverAnUpstreamsInstancesInTurn() {
    first.enqueue(text(200, "one"));
    second.enqueue(text(200, "two"));
    first.enqueue(text(200, "one"));
    try (Gateway gateway =
        Gateway.builder()
            .upstream(Upstream.of("svc", baseUrl(first), baseUrl(second)))
            .route("r", r -> r.path("/**").proxyToUpstream("svc"))
            .build()) {
      assertThat(gateway.handle(Request.of("GET", "/a")).body().string()).isEqualTo("one");
      assertThat(gateway.handle(Request.of("GET", "/b")).body().string()).isEqualTo("two");
      assertThat(gateway.handle(Request.of("GET", "/c")).body().string()).isEqualTo("one");
    }
    assertThat(take(first).getTarget()).isEqualTo("/a");
    assertThat(take(second).getTarget()).isEqualTo("/b");
    assertThat(take(first).getTarget()).isEqualTo("/c");
  }

  @Test
  void aUserClientThatFollowsRedirectsStillHasUpstreamRedirectsReturned() throws IOException {
    first.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
    first.enqueue(text(200, "followed"));
    try (Gateway gateway =
            Gateway.builder()
                .httpClient(userClient)
                .route("r", r -> r.path("/**").proxyTo(baseUrl(first)))
                .build();
        Response response = gateway.handle(Request.of("GET", "/old"))) {
      assertThat(response.status()).isEqualTo(302);
      assertThat(response.header("Location")).isEqualTo("/elsewhere");
    }
    assertThat(first.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aUserClientThatRetriesStillNeverReplaysAPost() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing("");
        Gateway gateway =
            Gateway.builder()
                .httpClient(userClient)
                .route("r", r -> r.path("/**").proxyTo(broken.url()))
                .build()) {
      Request post =
          Request.builder().method("POST").target("/orders").body(Body.of("{\"qty\":1}")).build();

      problem(gateway.handle(post), 502);
      assertThat(broken.connections()).isEqualTo(1);
    }
  }

  @Test
  void aUserClientWithTransparentGzipStillPassesTheBodyThroughCompressed() throws IOException {
    byte[] gzipped = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    first.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Encoding", "gzip")
            .body(new okio.Buffer().write(gzipped))
            .build());
    try (Gateway gateway =
            Gateway.builder()
                .httpClient(userClient)
                .route("r", r -> r.path("/**").proxyTo(baseUrl(first)))
                .build();
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(response.body().bytes(1024)).isEqualTo(gzipped);
    }
    assertThat(take(first).getHeaders().get("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void aNamedUpstreamsReadTimeoutAppliesAndARouteCanOverrideIt() {
    first.enqueue(
        new MockResponse.Builder()
            .headersDelay(1, java.util.concurrent.TimeUnit.SECONDS)
            .body("late")
            .build());
    first.enqueue(
        new MockResponse.Builder()
            .headersDelay(1, java.util.concurrent.TimeUnit.SECONDS)
            .body("waited")
            .build());
    try (Gateway gateway =
        Gateway.builder()
            .upstream(
                Upstream.builder("svc")
                    .instance(baseUrl(first))
                    .readTimeout(java.time.Duration.ofMillis(200))
                    .build())
            .route("strict", r -> r.path("/strict").proxyToUpstream("svc"))
            .route(
                "patient",
                r ->
                    r.path("/patient")
                        .readTimeout(java.time.Duration.ofSeconds(10))
                        .proxyToUpstream("svc"))
            .build()) {
      problem(gateway.handle(Request.of("GET", "/strict")), 504);
      assertThat(gateway.handle(Request.of("GET", "/patient")).body().string()).isEqualTo("waited");
    }
    assertThat(take(first).getTarget()).isEqualTo("/strict");
    assertThat(take(first).getTarget()).isEqualTo("/patient");
  }
}
