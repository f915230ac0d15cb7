package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.proxyAll;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.testing.BrokenUpstream;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upstream client on the wire (RFC 9112): what it sends, how it frames what it reads, when it
 * reuses a connection, and how its time limits end a stuck exchange. Each test asserts what the
 * client got and, where the upstream is MockWebServer, what the upstream received.
 */
class UpstreamWireTest {
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private static String body(Gateway gateway, String path) throws IOException {
    try (Response response = gateway.handle(Request.of("GET", path))) {
      assertThat(response.status()).isEqualTo(200);
      return response.body().string();
    }
  }

  @Test
  void consecutiveRequestsReuseOneKeptAliveConnection() throws IOException {
    for (int i = 0; i < 3; i++) {
      upstream.enqueue(text(200, "answer " + i));
    }
    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      for (int i = 0; i < 3; i++) {
        assertThat(body(gateway, "/n/" + i)).isEqualTo("answer " + i);
      }
    }
    for (int i = 0; i < 3; i++) {
      RecordedRequest recorded = take(upstream);
      assertThat(recorded.getConnectionIndex()).isZero();
      assertThat(recorded.getTarget()).isEqualTo("/n/" + i);
    }
  }

  @Test
  void sendsHostContentLengthAndBodyForAKnownLengthAndChunksForAnUnknownOne() throws IOException {
    upstream.enqueue(text(200, "a"));
    upstream.enqueue(text(200, "b"));
    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      gateway
          .handle(Request.builder().method("POST").target("/known").body(Body.of("12345")).build())
          .close();
      InputStream unknown = new ByteArrayInputStream("abcdefgh".getBytes(ISO_8859_1));
      gateway
          .handle(
              Request.builder().method("PUT").target("/unknown").body(Body.of(unknown, -1)).build())
          .close();
    }
    RecordedRequest known = take(upstream);
    assertThat(known.getHeaders().get("Host"))
        .isEqualTo(upstream.getHostName() + ":" + upstream.getPort());
    assertThat(known.getHeaders().get("Content-Length")).isEqualTo("5");
    assertThat(known.getBody().utf8()).isEqualTo("12345");
    RecordedRequest chunked = take(upstream);
    assertThat(chunked.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(chunked.getHeaders().get("Content-Length")).isNull();
    assertThat(chunked.getBody().utf8()).isEqualTo("abcdefgh");
  }

  @Test
  void anEmptyPostStillSaysContentLengthZero() throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      gateway.handle(Request.of("POST", "/empty")).close();
    }
    assertThat(take(upstream).getHeaders().get("Content-Length")).isEqualTo("0");
  }

  @Test
  void interimResponsesAreSkipped() throws IOException {
    try (BrokenUpstream raw =
            BrokenUpstream.writing(
                "HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        Gateway gateway = proxyAll(raw.url(), b -> {})) {
      assertThat(body(gateway, "/x")).isEqualTo("ok");
    }
  }

  @Test
  void aChunkedBodyIsDecodedWithExtensionsAndTrailersDropped() throws IOException {
    try (BrokenUpstream raw =
            BrokenUpstream.writing(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;name=value\r\nabc\r\n2\r\nde\r\n0\r\nX-Checksum: 1\r\n\r\n");
        Gateway gateway = proxyAll(raw.url(), b -> {});
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.body().contentLength()).isEqualTo(-1);
      assertThat(response.body().string()).isEqualTo("abcde");
      assertThat(response.headers().contains("Transfer-Encoding")).isFalse();
      assertThat(response.headers().contains("X-Checksum")).isFalse();
    }
  }

  @Test
  void transferEncodingWinsOverContentLength() throws IOException {
    // RFC 9112 §6.3 (3): a message with both is framed by Transfer-Encoding (a smuggling vector
    // otherwise).
    try (BrokenUpstream raw =
            BrokenUpstream.writing(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n4\r\nwxyz\r\n0\r\n\r\n");
        Gateway gateway = proxyAll(raw.url(), b -> {})) {
      assertThat(body(gateway, "/x")).isEqualTo("wxyz");
    }
  }

  @Test
  void aBodyWithoutFramingIsReadUntilTheUpstreamCloses() throws IOException {
    try (BrokenUpstream raw =
            BrokenUpstream.writing(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end");
        Gateway gateway = proxyAll(raw.url(), b -> {})) {
      assertThat(body(gateway, "/x")).isEqualTo("to the end");
      assertThat(body(gateway, "/y")).isEqualTo("to the end");
      assertThat(raw.connections()).isEqualTo(2);
    }
  }

  @Test
  void anUpstreamThatSaysCloseGetsANewConnectionNextTime() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder().body("one").addHeader("Connection", "close").build());
    upstream.enqueue(text(200, "two"));
    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      assertThat(body(gateway, "/1")).isEqualTo("one");
      assertThat(body(gateway, "/2")).isEqualTo("two");
    }
    assertThat(take(upstream).getConnectionIndex()).isZero();
    assertThat(take(upstream).getConnectionIndex()).isEqualTo(1);
  }

  @Test
  void answersThatBreakHttpAre502NamingNoUpstreamDetail() throws IOException {
    String[] broken = {
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
      "HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 2\r\n\r\nok",
      "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70_000) + "\r\nContent-Length: 2\r\n\r\nok",
      "HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok",
      "ICY 200 OK\r\n\r\nok",
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n",
    };
    for (String answer : broken) {
      try (BrokenUpstream raw = BrokenUpstream.writing(answer);
          Gateway gateway = proxyAll(raw.url(), b -> {})) {
        assertThat(problem(gateway.handle(Request.of("GET", "/x")), 502).path("detail").asText())
            .as(answer.substring(0, Math.min(40, answer.length())))
            .isEqualTo("the upstream sent a response the gateway cannot forward");
      }
    }
  }

  @Test
  void aChunkedBodyCutShortFailsTheReaderNeverEndsQuietly() throws IOException {
    try (BrokenUpstream raw =
            BrokenUpstream.writing(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "a\r\n01234");
        Gateway gateway = proxyAll(raw.url(), b -> {});
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThatThrownBy(() -> response.body().string())
          .cause()
          .isInstanceOf(java.net.ProtocolException.class);
    }
  }

  @Test
  void anUpstreamSilentMidBodyFailsTheReadAfterTheReadTimeout() throws IOException {
    try (BrokenUpstream raw =
            BrokenUpstream.scripted(
                socket -> {
                  BrokenUpstream.readHead(socket.getInputStream());
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234".getBytes(ISO_8859_1));
                  out.flush();
                  Thread.sleep(5_000);
                });
        Gateway gateway =
            Gateway.builder()
                .readTimeout(Duration.ofMillis(300))
                .route("r", r -> r.path("/**").proxyTo(raw.url()))
                .build();
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.status()).isEqualTo(200);
      long start = System.nanoTime();
      assertThatThrownBy(() -> response.body().string())
          .cause()
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(250), Duration.ofMillis(3_000));
    }
  }

  @Test
  void anUpstreamThatStopsReadingABodyIs504AfterTheReadTimeout() throws IOException {
    try (BrokenUpstream raw = BrokenUpstream.scripted(socket -> Thread.sleep(10_000));
        Gateway gateway =
            Gateway.builder()
                .readTimeout(Duration.ofMillis(300))
                .route("r", r -> r.path("/**").proxyTo(raw.url()))
                .build()) {
      byte[] large = new byte[64 << 20]; // more than both sockets' buffers hold
      long start = System.nanoTime();
      Response response =
          gateway.handle(
              Request.builder()
                  .method("POST")
                  .target("/upload")
                  .body(Body.of(new ByteArrayInputStream(large), large.length))
                  .build());
      assertThat(problem(response, 504).path("detail").asText())
          .isEqualTo("the upstream did not answer in time");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
