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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upstreams that are down, slow, or break the connection: what the client gets, and what is replayed. */
class ProxyFailureTest {
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private static Gateway to(String url) {
    return Gateway.builder().route("r", r -> r.path("/**").to(url)).build();
  }

  @Test
  void anUnreachableUpstreamIs502ProblemJson() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (Gateway gateway = to("http://127.0.0.1:" + closedPort)) {
      JsonNode problem = problem(gateway.handle(Request.of("GET", "/x")), 502);
      assertThat(problem.path("title").asText()).isEqualTo("Bad Gateway");
      assertThat(problem.path("detail").asText()).isEqualTo("the upstream could not be reached or broke the connection");
      assertThat(problem.toString()).doesNotContain("Exception", "127.0.0.1");
    }
  }

  @Test
  void anUpstreamSlowerThanTheRoutesReadTimeoutIs504WithinBounds() {
    upstream.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("late").build());
    try (Gateway gateway = Gateway.builder()
        .route("slow", r -> r.path("/**").readTimeout(Duration.ofMillis(300)).to(baseUrl(upstream))).build()) {
      long start = System.nanoTime();
      JsonNode problem = problem(gateway.handle(Request.of("GET", "/slow")), 504);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(problem.path("title").asText()).isEqualTo("Gateway Timeout");
      assertThat(millis).isBetween(250L, 5_000L);
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/slow");
  }

  @Test
  void aRoutesReadTimeoutOverridesTheGatewayDefaultBothWays() {
    upstream.enqueue(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS).body("patient").build());
    upstream.enqueue(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS).body("impatient").build());
    try (Gateway gateway = Gateway.builder().readTimeout(Duration.ofMillis(200))
        .route("patient", r -> r.path("/patient").readTimeout(Duration.ofSeconds(10)).to(baseUrl(upstream)))
        .route("default", r -> r.path("/default").to(baseUrl(upstream)))
        .build()) {
      assertThat(gateway.handle(Request.of("GET", "/patient")).body().string()).isEqualTo("patient");
      problem(gateway.handle(Request.of("GET", "/default")), 504);
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/patient");
    assertThat(take(upstream).getTarget()).isEqualTo("/default");
  }

  @Test
  void aRoutesConnectTimeoutOverridesTheGatewayDefault() throws IOException {
    // A listening socket whose accept queue is full drops new SYNs: connecting hangs.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = fillAcceptQueue(full);
      try (Gateway gateway = Gateway.builder().connectTimeout(Duration.ofSeconds(30))
          .route("r", r -> r.path("/**").connectTimeout(Duration.ofMillis(300))
              .to("http://127.0.0.1:" + full.getLocalPort()))
          .build()) {
        long start = System.nanoTime();
        problem(gateway.handle(Request.of("GET", "/x")), 504);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 10_000L);
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  private static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
        sockets.add(s);
      } catch (SocketTimeoutException e) {
        s.close();
        return sockets;
      }
    }
    throw new AssertionError("the accept queue never filled up");
  }

  @Test
  void anUpstreamThatDiesMidBodyMakesReadingTheBodyFailNeverAShortBody() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n" + "0123456789");
        Gateway gateway = to(broken.url());
        Response response = gateway.handle(Request.of("GET", "/file"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().contentLength()).isEqualTo(1000);
      InputStream in = response.body().stream();
      byte[] buffer = new byte[4096];
      assertThatThrownBy(() -> {
        while (in.read(buffer) != -1) {
          // keep reading until the upstream's broken framing shows
        }
      }).isInstanceOf(IOException.class);
      assertThat(broken.connections()).as("a response already started is never retried").isEqualTo(1);
    }
  }

  @Test
  void aChunkedUpstreamBodyCutBeforeItsLastChunkFailsToo() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing(
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
    upstream.enqueue(new MockResponse.Builder().body("x".repeat(256 * 1024))
        .throttleBody(64 * 1024, 10, TimeUnit.MILLISECONDS)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    try (Gateway gateway = to(baseUrl(upstream)); Response response = gateway.handle(Request.of("GET", "/big"))) {
      assertThat(response.body().contentLength()).isEqualTo(256 * 1024);
      assertThatThrownBy(() -> response.body().bytes(1 << 20)).isInstanceOf(IOException.class);
    }
    take(upstream);
  }

  @Test
  void aPostIsNeverReplayedWhenTheUpstreamDropsTheConnection() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing(""); Gateway gateway = to(broken.url())) {
      Request post = Request.builder().method("POST").target("/orders")
          .body(Body.of(new ByteArrayInputStream("{\"qty\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 9))
          .build();

      problem(gateway.handle(post), 502);
      assertThat(broken.connections()).isEqualTo(1);
    }
  }

  @Test
  void aPostWhoseLargeBodyTheUpstreamCutsOffMidwayIsNotReplayed() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing(""); Gateway gateway = to(broken.url())) {
      Request post = Request.builder().method("POST").target("/upload")
          .body(Body.of(new ByteArrayInputStream(ProxyTest.randomBytes(4 << 20)), -1)).build();

      problem(gateway.handle(post), 502);
      assertThat(broken.connections()).isEqualTo(1);
    }
  }

  @Test
  void aGetOnAConnectionTheUpstreamDropsIsRetriedOnceAndOnlyOnce() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing(""); Gateway gateway = to(broken.url())) {
      problem(gateway.handle(Request.of("GET", "/x")), 502);
      assertThat(broken.connections()).isEqualTo(2);
    }
  }

  @Test
  void aGetOnAStalePooledConnectionIsRetriedOnAFreshOne() throws IOException {
    upstream.enqueue(new MockResponse.Builder().body("first").onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
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
  void aClientBodyThatFailsWhileBeingForwardedIs400NotBlamedOnTheUpstream() {
    upstream.enqueue(text(200, "never"));
    InputStream failing = new InputStream() {
      private int served;

      @Override
      public int read() throws IOException {
        if (served++ < 1000) {
          return 'x';
        }
        throw new IOException("client went away");
      }
    };
    Request post = Request.builder().method("POST").target("/upload").body(Body.of(failing, -1)).build();

    try (Gateway gateway = to(baseUrl(upstream))) {
      assertThat(problem(gateway.handle(post), 400).path("detail").asText())
          .isEqualTo("the request body could not be read from the client");
    }
    assertThat(upstream.getRequestCount()).as("the upstream never got a whole request").isZero();
  }

  @Test
  void anUpstreamHeaderTheGatewayCannotCarryIs502() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing(
            "HTTP/1.1 200 OK\r\nX(Bad): 1\r\nContent-Length: 2\r\n\r\nok");
        Gateway gateway = to(broken.url())) {
      assertThat(problem(gateway.handle(Request.of("GET", "/x")), 502).path("detail").asText())
          .isEqualTo("the upstream sent a response the gateway cannot forward");
    }
  }

  @Test
  void anUpstreamStatusOutsideTheHttpRangeIs502() throws IOException {
    try (BrokenUpstream broken = BrokenUpstream.writing("HTTP/1.1 600 Odd\r\nContent-Length: 2\r\n\r\nok");
        Gateway gateway = to(broken.url())) {
      problem(gateway.handle(Request.of("GET", "/x")), 502);
    }
  }

  @Test
  void aClientBodyShorterThanItsDeclaredLengthIs400() {
    upstream.enqueue(text(200, "never"));
    Request post = Request.builder().method("POST").target("/upload")
        .body(Body.of(new ByteArrayInputStream(new byte[5]), 10)).build();

    try (Gateway gateway = to(baseUrl(upstream))) {
      assertThat(problem(gateway.handle(post), 400).path("detail").asText())
          .isEqualTo("the request body could not be read from the client");
    }
    assertThat(upstream.getRequestCount()).as("the upstream never got a whole request").isZero();
  }

  @Test
  void aClientBodyLongerThanItsDeclaredLengthIs400() {
    upstream.enqueue(text(200, "never"));
    Request post = Request.builder().method("POST").target("/upload")
        .body(Body.of(new ByteArrayInputStream(new byte[20]), 10)).build();

    try (Gateway gateway = to(baseUrl(upstream))) {
      problem(gateway.handle(post), 400);
    }
  }
}
