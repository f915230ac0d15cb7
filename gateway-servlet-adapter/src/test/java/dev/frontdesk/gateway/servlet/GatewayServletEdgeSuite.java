package dev.frontdesk.gateway.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reverse proxy's hygiene through {@link GatewayServlet} on every container: ambiguous paths,
 * hop-by-hop and forwarding headers, Expect: 100-continue, the gateway's own errors and the
 * container's Date and Server headers.
 */
abstract class GatewayServletEdgeSuite extends ServletFixture {

  /**
   * The container may refuse some of these itself; either way: 400, and the upstream sees nothing.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/../admin",
        "/api/x/../../admin",
        "/api/%2e%2e/admin",
        "/api/%2E%2E/admin",
        "/api/.%2e/admin",
        "/api/./x",
        "/api/a%2fb",
        "/api/a%2F..%2Fadmin",
        "/api/a;b=c/x",
        "/api/..;/admin",
        "/api/a\\b",
        "/api/a%5cb",
        "/api//admin",
        "//api/x",
        "/api/a%252e%252e"
      })
  void rejectsAmbiguousPathsWith400AndNeverReachesTheUpstream(String target) throws Exception {
    RawHttp.Reply reply = RawHttp.send(container.port(), "GET", target);

    assertThat(reply.status()).as(container + " answering " + target).isEqualTo(400);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void removesHopByHopHeadersInBothDirections() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Connection", "X-Hop-Response")
            .addHeader("X-Hop-Response", "secret")
            .addHeader("Keep-Alive", "timeout=98")
            .addHeader("Proxy-Authenticate", "Basic realm=upstream")
            .addHeader("X-End-To-End", "kept-too")
            .body("ok")
            .build());

    RawHttp.Reply reply =
        RawHttp.send(
            container.port(),
            "GET",
            "/api/hop",
            "Connection: close, X-Hop-Request",
            "X-Hop-Request: secret",
            "Keep-Alive: timeout=99",
            "TE: trailers",
            "Proxy-Authorization: Basic Zm9vOmJhcg==",
            "X-End-To-End: kept");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.bodyText()).isEqualTo("ok");
    assertThat(reply.header("X-End-To-End")).isEqualTo("kept-too");
    assertThat(reply.values("X-Hop-Response")).isEmpty();
    assertThat(reply.values("Proxy-Authenticate")).isEmpty();
    assertThat(reply.values("Keep-Alive")).doesNotContain("timeout=98");
    assertThat(reply.values("Connection")).noneMatch(v -> v.contains("X-Hop-Response"));
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getHeaders().get("X-End-To-End")).isEqualTo("kept");
    assertThat(recorded.getHeaders().get("X-Hop-Request")).isNull();
    assertThat(recorded.getHeaders().get("Keep-Alive")).isNull();
    assertThat(recorded.getHeaders().get("TE")).isNull();
    assertThat(recorded.getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(recorded.getHeaders().values("Connection"))
        .noneMatch(v -> v.contains("X-Hop-Request"));
  }

  @Test
  void setsForwardedHeadersFromTheRealClientAndIgnoresSpoofedOnes() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    HttpResponse<String> response =
        get(
            "/api/who",
            "X-Forwarded-For",
            "6.6.6.6",
            "X-Forwarded-Host",
            "evil.example",
            "X-Forwarded-Proto",
            "https");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    RecordedRequest recorded = upstream.takeRequest();
    String port = Integer.toString(container.port());
    assertThat(recorded.getHeaders().values("X-Forwarded-For")).containsExactly("127.0.0.1");
    assertThat(recorded.getHeaders().values("X-Forwarded-Proto")).containsExactly("http");
    assertThat(recorded.getHeaders().values("X-Forwarded-Host"))
        .containsExactly("127.0.0.1:" + port);
    assertThat(recorded.getHeaders().values("X-Forwarded-Port")).containsExactly(port);
    assertThat(recorded.getHeaders().get("X-Request-Id")).isNotBlank();
  }

  @Test
  void appendsThePeerToForwardedHeadersFromATrustedProxy() throws Exception {
    use(
        b ->
            b.trustedProxies("127.0.0.1/32")
                .route("api", r -> r.path("/api/**").proxyTo(upstream.url("/").toString())));
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    HttpResponse<String> response =
        get(
            "/api/who",
            "X-Forwarded-For",
            "203.0.113.9",
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "shop.example",
            "X-Request-Id",
            "edge-7");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getHeaders().values("X-Forwarded-For"))
        .containsExactly("203.0.113.9, 127.0.0.1");
    assertThat(recorded.getHeaders().get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(recorded.getHeaders().get("X-Forwarded-Host")).isEqualTo("shop.example");
    assertThat(recorded.getHeaders().get("X-Request-Id")).isEqualTo("edge-7");
  }

  /**
   * The container answers the client's 100-continue; the upstream gets the body, not the Expect.
   */
  @Test
  void honoursExpectContinueWithoutForwardingIt() throws Exception {
    upstream.enqueue(new MockResponse.Builder().code(201).body("stored").build());

    try (Socket socket = new Socket("127.0.0.1", container.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PUT /api/blob HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                  + "Expect: 100-continue\r\nConnection: close\r\n\r\n")
              .getBytes(UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(new String(in.readNBytes(12), UTF_8)).isEqualTo("HTTP/1.1 100");
      readThroughBlankLine(in);
      out.write("hello".getBytes(UTF_8));
      out.flush();
      RawHttp.Reply reply = RawHttp.Reply.parse(in.readAllBytes());

      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.bodyText()).isEqualTo("stored");
    }
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getBody().utf8()).isEqualTo("hello");
    assertThat(recorded.getHeaders().get("Expect")).isNull();
  }

  private static void readThroughBlankLine(InputStream in) throws IOException {
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      assertThat(c).isNotEqualTo(-1);
      matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
  }

  @ParameterizedTest
  @CsvSource({"GET,/nothing,404", "POST,/api/get-only,405", "GET,/dead/x,502", "GET,/slow/x,504"})
  void answersItsOwnErrorsAsProblemJsonWithARequestId(String method, String path, int status)
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (RawUpstream silent = new RawUpstream(out -> Thread.sleep(10_000))) {
      use(
          b ->
              b.route("get-only", r -> r.get("/api/get-only").proxyTo(upstream.url("/").toString()))
                  .route(
                      "dead",
                      r -> r.path("/dead/**").proxyTo("http://127.0.0.1:" + closedPort + "/"))
                  .route(
                      "slow",
                      r ->
                          r.path("/slow/**")
                              .proxyTo(silent.url())
                              .readTimeout(Duration.ofMillis(300))));

      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri(path))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(status);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(response.body())
          .contains("\"status\":" + status)
          .contains("\"requestId\":\"" + requestId + "\"")
          .doesNotContain("Exception");
      assertThat(upstream.getRequestCount()).isZero();
    }
  }

  /**
   * Containers add their own Date (both) and Server (Jetty) headers by default. The adapter must
   * replace, not duplicate them: a proxied response keeps the upstream's, a gateway answer the
   * container's.
   */
  @Test
  void sendsExactlyOneDateAndAtMostOneServerHeaderWithContainerDefaults() throws Exception {
    String date = "Sun, 06 Nov 1994 08:49:37 GMT";
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Date", date)
            .addHeader("Server", "upstream/1.0")
            .body("ok")
            .build());

    RawHttp.Reply proxied = RawHttp.send(container.port(), "GET", "/api/dated");
    RawHttp.Reply ownAnswer = RawHttp.send(container.port(), "GET", "/no-route");

    assertThat(proxied.status()).isEqualTo(200);
    assertThat(proxied.values("Date")).containsExactly(date);
    assertThat(proxied.values("Server")).containsExactly("upstream/1.0");
    assertThat(ownAnswer.status()).isEqualTo(404);
    assertThat(ownAnswer.values("Date")).hasSize(1);
    assertThat(ownAnswer.values("Server")).hasSizeLessThanOrEqualTo(1);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/dated");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }
}
