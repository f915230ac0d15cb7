package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.testing.BrokenUpstream;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that are down, slow, or break the connection: what the client gets, and what is
 * replayed.
 */
class ProxyFailureTest {

  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  Gateway to(String url) {
    return TestUpstreams.proxyAll(url, this::configure);
  }

  /**
   * The gateway's settings beyond the route: none here; a subclass runs the suite on another
   * client.
   */
  void configure(Gateway.Builder builder) {}

  @Test
  void anUnreachableUpstreamIs502ProblemJson() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (Gateway gateway = to("http://127.0.0.1:" + closedPort)) {
      JsonNode problem = problem(gateway.handle(Request.of("GET", "/x")), 502);
      assertThat(problem.path("title").asText()).isEqualTo("Bad Gateway");
      assertThat(problem.path("detail").asText())
          .isEqualTo("the upstream could not be reached or broke the connection");
      assertThat(problem.toString()).doesNotContain("Exception", "127.0.0.1");
    }
  }

  @Test
  void anUpstreamThatDiesMidBodyMakesReadingTheBodyFailNeverAShortBody() throws IOException {
    try (BrokenUpstream broken =
            BrokenUpstream.writing(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                    + "0123456789");
        Gateway gateway = to(broken.url());
        Response response = gateway.handle(Request.of("GET", "/file"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().contentLength()).isEqualTo(1000);
      InputStream in = response.body().stream();
      byte[] buffer = new byte[4096];
      assertThatThrownBy(
              () -> {
                while (in.read(buffer) != -1) {
                  // keep reading until the upstream's broken framing shows
                }
              })
          .isInstanceOf(IOException.class);
      assertThat(broken.connections())
          .as("a response already started is never retried")
          .isEqualTo(1);
    }
  }

  @Test
  void aChunkedUpstreamBodyCutBeforeItsLastChunkFailsToo() throws IOException {
    try (BrokenUpstream broken =
            BrokenUpstream.writing(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        Gateway gateway = to(broken.url());
        Response response = gateway.handle(Request.of("GET", "/stream"))) {
      assertThat(response.body().contentLength()).isEqualTo(-1);
      assertThatThrownBy(() -> response.body().bytes(1 << 20)).isInstanceOf(IOException.class);
      assertThat(broken.connections()).isEqualTo(1);
    }
  }

  @Test
  void aMockUpstreamThatDisconnectsDuringTheBodyFailsTheRead() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder()
            .body("x".repeat(256 * 1024))
            .throttleBody(64 * 1024, 10, TimeUnit.MILLISECONDS)
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    try (Gateway gateway = to(baseUrl(upstream));
        Response response = gateway.handle(Request.of("GET", "/big"))) {
      assertThat(response.body().contentLength()).isEqualTo(256 * 1024);
      assertThatThrownBy(() -> response.body().bytes(1 << 20)).isInstanceOf(IOException.class);
    }
    take(upstream);
  }

  @Test
  void aPostIsNeverReplayedWhenTheUpstreamDropsTheConnection() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing("");
        Gateway gateway = to(broken.url())) {
      Request post =
          Request.builder()
              .method("POST")
              .target("/orders")
              .body(
                  Body.of(
                      new ByteArrayInputStream(
                          "{\"qty\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                      9))
              .build();

      problem(gateway.handle(post), 502);
      assertThat(broken.connections()).isEqualTo(1);
    }
  }

  @Test
  void aPostWhoseLargeBodyTheUpstreamCutsOffMidwayIsNotReplayed() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing("");
        Gateway gateway = to(broken.url())) {
      Request post =
          Request.builder()
              .method("POST")
              .target("/upload")
              .body(Body.of(new ByteArrayInputStream(ProxyTest.randomBytes(4 << 20)), -1))
              .build();

      problem(gateway.handle(post), 502);
      assertThat(broken.connections()).isEqualTo(1);
    }
  }

  @Test
  void aGetOnAConnectionTheUpstreamDropsIsRetriedOnceAndOnlyOnce() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing("");
        Gateway gateway = to(broken.url())) {
      problem(gateway.handle(Request.of("GET", "/x")), 502);
      assertThat(broken.connections()).isEqualTo(2);
    }
  }

  @Test
  void aGetOnAStalePooledConnectionIsRetriedOnAFreshOne() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder()
            .body("first")
            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    upstream.enqueue(text(200, "second"));

    try (Gateway gateway = to(baseUrl(upstream))) {
      assertThat(gateway.handle(Request.of("GET", "/1")).body().string()).isEqualTo("first");
      assertThat(gateway.handle(Request.of("GET", "/2")).body().string()).isEqualTo("second");
    }
    assertThat(take(upstream).getConnectionIndex()).isZero();
    assertThat(take(upstream).getConnectionIndex()).isEqualTo(1);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUpstreamHeaderTheGatewayCannotCarryIs502() throws IOException {
    try (BrokenUpstream broken =
            BrokenUpstream.writing("HTTP/1.1 200 OK\r\nX(Bad): 1\r\nContent-Length: 2\r\n\r\nok");
        Gateway gateway = to(broken.url())) {
      assertThat(problem(gateway.handle(Request.of("GET", "/x")), 502).path("detail").asText())
          .isEqualTo("the upstream sent a response the gateway cannot forward");
    }
  }

  @Test
  void anUpstreamStatusOutsideTheHttpRangeIs502() throws IOException {
    try (BrokenUpstream broken =
            BrokenUpstream.writing("HTTP/1.1 600 Odd\r\nContent-Length: 2\r\n\r\nok");
        Gateway gateway = to(broken.url())) {
      problem(gateway.handle(Request.of("GET", "/x")), 502);
    }
  }
}
