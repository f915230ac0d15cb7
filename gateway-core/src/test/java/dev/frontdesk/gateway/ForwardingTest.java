package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.proxyAll;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hop-by-hop fields, X-Forwarded-*, Forwarded, trusted proxies and the request id. */
class ForwardingTest {
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private Headers forward(Gateway gateway, Request request) throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (gateway;
        Response response = gateway.handle(request)) {
      assertThat(response.body().string()).isEqualTo("ok");
    }
    return take(upstream).getHeaders();
  }

  @Test
  void hopByHopRequestHeadersAndTheFieldsConnectionNamesAreNotForwarded() throws IOException {
    Request request =
        Request.builder()
            .target("/x")
            .header("Connection", "close, X-Secret")
            .header("Keep-Alive", "timeout=5")
            .header("TE", "trailers")
            .header("Trailer", "Expires")
            .header("Upgrade", "websocket")
            .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
            .header("Proxy-Connection", "keep-alive")
            .header("X-Secret", "do-not-forward")
            .header("X-Kept", "yes")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> {}), request);

    for (String name :
        new String[] {
          "Keep-Alive",
          "TE",
          "Trailer",
          "Upgrade",
          "Proxy-Authorization",
          "Proxy-Connection",
          "X-Secret"
        }) {
      assertThat(seen.get(name)).as(name).isNull();
    }
    assertThat(seen.get("Connection"))
        .as("OkHttp's own connection management only")
        .isIn(null, "Keep-Alive");
    assertThat(seen.get("X-Kept")).isEqualTo("yes");
  }

  @Test
  void hopByHopResponseHeadersAndTheFieldsConnectionNamesAreNotReturned() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Connection", "X-Internal")
            .addHeader("X-Internal", "backend-7")
            .addHeader("Keep-Alive", "timeout=5")
            .addHeader("Proxy-Authenticate", "Basic")
            .addHeader("Upgrade", "h2c")
            .addHeader("Trailer", "Expires")
            .addHeader("X-Public", "yes")
            .body("ok")
            .build());

    try (Gateway gateway = proxyAll(upstream, b -> {});
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      for (String name :
          new String[] {
            "Connection",
            "X-Internal",
            "Keep-Alive",
            "Proxy-Authenticate",
            "Upgrade",
            "Trailer",
            "Transfer-Encoding",
            "Content-Length"
          }) {
        assertThat(response.header(name)).as(name).isNull();
      }
      assertThat(response.header("X-Public")).isEqualTo("yes");
      assertThat(response.body().contentLength()).isEqualTo(2);
      assertThat(response.body().string()).isEqualTo("ok");
    }
    take(upstream);
  }

  @Test
  void xForwardedHeadersDescribeTheClientsConnection() throws IOException {
    Request request =
        Request.builder()
            .scheme("https")
            .host("shop.example.com")
            .port(8443)
            .target("/x")
            .header("Host", "shop.example.com:8443")
            .remoteAddress("203.0.113.9")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> {}), request);

    assertThat(seen.values("X-Forwarded-For")).containsExactly("203.0.113.9");
    assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(seen.get("X-Forwarded-Host")).isEqualTo("shop.example.com:8443");
    assertThat(seen.get("X-Forwarded-Port")).isEqualTo("8443");
    assertThat(seen.get("Forwarded")).as("off by default").isNull();
    assertThat(seen.get("Host"))
        .as("the upstream's own host")
        .isEqualTo(upstream.getHostName() + ":" + upstream.getPort());
  }

  @Test
  void forwardingHeadersFromAnUntrustedPeerAreReplaced() throws IOException {
    Request request =
        Request.builder()
            .target("/x")
            .remoteAddress("198.51.100.4")
            .header("X-Forwarded-For", "10.9.9.9")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "evil.example")
            .header("X-Forwarded-Port", "1")
            .header("Forwarded", "for=10.9.9.9")
            .header("X-Request-Id", "forged")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> b.trustedProxies("10.0.0.0/8")), request);

    assertThat(seen.values("X-Forwarded-For")).containsExactly("198.51.100.4");
    assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(seen.get("X-Forwarded-Host")).isEqualTo("localhost");
    assertThat(seen.get("X-Forwarded-Port")).isEqualTo("80");
    assertThat(seen.get("Forwarded")).isNull();
    assertThat(seen.get("X-Request-Id")).isNotEqualTo("forged").matches("[0-9a-f]{16}");
  }

  @Test
  void forwardingHeadersFromATrustedProxyAreKeptAndAppendedTo() throws IOException {
    Request request =
        Request.builder()
            .target("/x")
            .remoteAddress("10.0.0.2")
            .header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "shop.example.com")
            .header("X-Request-Id", "edge-42")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> b.trustedProxies("10.0.0.0/8")), request);

    assertThat(seen.values("X-Forwarded-For")).containsExactly("203.0.113.9, 10.0.0.1, 10.0.0.2");
    assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(seen.get("X-Forwarded-Host")).isEqualTo("shop.example.com");
    assertThat(seen.get("X-Request-Id")).isEqualTo("edge-42");
  }

  @Test
  void clientAddressIsTheRightmostUntrustedAddressBehindTrustedProxies() throws IOException {
    assertThat(clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.1"))
        .isEqualTo("203.0.113.9");
    assertThat(clientAddress("10.0.0.2", "10.0.0.7")).isEqualTo("10.0.0.7");
    assertThat(clientAddress("10.0.0.2", null)).isEqualTo("10.0.0.2");
    assertThat(clientAddress("10.0.0.2", "not-an-ip, 10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(clientAddress("198.51.100.4", "203.0.113.9"))
        .as("untrusted peer")
        .isEqualTo("198.51.100.4");
  }

  private String clientAddress(String peer, String xff) {
    AtomicReference<String> seen = new AtomicReference<>();
    Gateway gateway =
        Gateway.builder()
            .trustedProxies("10.0.0.0/8")
            .route(
                "r",
                r ->
                    r.get("/x")
                        .handleWith(
                            req -> {
                              seen.set(req.attribute(Attributes.CLIENT_ADDRESS));
                              return Response.of(204);
                            }))
            .build();
    Request.Builder request = Request.builder().target("/x").remoteAddress(peer);
    if (xff != null) {
      request.header("X-Forwarded-For", xff);
    }
    assertThat(gateway.handle(request.build()).status()).isEqualTo(204);
    return seen.get();
  }

  @Test
  void theForwardedHeaderIsSentWhenEnabledWithIpv6Quoted() throws IOException {
    Request request =
        Request.builder()
            .scheme("https")
            .host("api.example.com")
            .target("/x")
            .header("Host", "api.example.com")
            .remoteAddress("2001:db8::1")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> b.forwardedHeader(true)), request);

    assertThat(seen.get("Forwarded"))
        .isEqualTo("for=\"[2001:db8::1]\";proto=https;host=\"api.example.com\"");
    assertThat(seen.get("X-Forwarded-For")).isEqualTo("2001:db8::1");
  }

  @Test
  void theRequestIdSentUpstreamIsTheOneInTheProblemBody() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder()
            .code(200)
            .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
            .build());
    try (Gateway gateway =
        Gateway.builder()
            .route(
                "slow",
                r ->
                    r.get("/x")
                        .readTimeout(java.time.Duration.ofMillis(200))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build()) {
      String requestId =
          problem(gateway.handle(Request.of("GET", "/x")), 504).path("requestId").asText();
      assertThat(take(upstream).getHeaders().get("X-Request-Id")).isEqualTo(requestId);
    }
  }

  @Test
  void preserveHostSendsTheClientsHost() throws IOException {
    Request request =
        Request.builder()
            .host("api.example.com")
            .target("/x")
            .header("Host", "api.example.com")
            .build();

    Headers seen =
        forward(
            Gateway.builder()
                .route(
                    "r", r -> r.path("/**").preserveHost().proxyTo(TestUpstreams.baseUrl(upstream)))
                .build(),
            request);

    assertThat(seen.get("Host")).isEqualTo("api.example.com");
  }

  @Test
  void preserveHostWithoutAHostHeaderSendsTheRequestsHostAndPort() throws IOException {
    Request request = Request.builder().host("api.example.com").port(8080).target("/x").build();

    Headers seen =
        forward(
            Gateway.builder()
                .route(
                    "r", r -> r.path("/**").preserveHost().proxyTo(TestUpstreams.baseUrl(upstream)))
                .build(),
            request);

    assertThat(seen.get("Host")).isEqualTo("api.example.com:8080");
  }

  @Test
  void aTrustedProxysRequestIdWithUnsafeCharactersIsReplaced() throws IOException {
    Request request =
        Request.builder()
            .target("/x")
            .remoteAddress("10.0.0.2")
            .header("X-Request-Id", "id with spaces<script>")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> b.trustedProxies("10.0.0.0/8")), request);

    assertThat(seen.get("X-Request-Id")).matches("[0-9a-f]{16}");
  }
}
