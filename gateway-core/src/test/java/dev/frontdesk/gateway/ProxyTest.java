package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.proxyAll;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the upstream receives and what the client gets back for requests that go through. */
class ProxyTest {
  private final MockWebServer upstream = TestUpstreams.started();
  private final Gateway gateway = proxyAll(upstream, this::configure);

  /**
   * The gateway's settings beyond the route: none here; a subclass runs the suite on another
   * client.
   */
  void configure(Gateway.Builder builder) {}

  @AfterEach
  void stop() {
    gateway.close();
    upstream.close();
  }

  @Test
  void pathAndQueryArePreservedAndStatusHeadersAndBodyReturned() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder()
            .code(201)
            .addHeader("Content-Type", "application/json")
            .addHeader("X-Upstream", "u1")
            .body("{\"id\":7}")
            .build());

    try (Response response = gateway.handle(Request.of("GET", "/api/users/7?fields=name&x=%2F"))) {
      assertThat(response.status()).isEqualTo(201);
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      assertThat(response.header("X-Upstream")).isEqualTo("u1");
      assertThat(response.body().contentLength()).isEqualTo(8);
      assertThat(response.body().string()).isEqualTo("{\"id\":7}");
    }
    RecordedRequest seen = take(upstream);
    assertThat(seen.getMethod()).isEqualTo("GET");
    assertThat(seen.getTarget()).isEqualTo("/api/users/7?fields=name&x=%2F");
  }

  @Test
  void theCanonicalPathIsWhatTheUpstreamReceives() {
    upstream.enqueue(text(200, "ok"));
    assertThat(gateway.handle(Request.of("GET", "/%7euser/caf%c3%a9")).status()).isEqualTo(200);
    assertThat(take(upstream).getTarget()).isEqualTo("/~user/caf%C3%A9");
  }

  @Test
  void theUpstreamUrlsBasePathIsPutBeforeTheRequestPath() {
    upstream.enqueue(text(200, "ok"));
    try (Gateway based =
        Gateway.builder()
            .upstream(Upstream.of("svc", baseUrl(upstream) + "/internal/v2/"))
            .route("r", r -> r.path("/**").proxyToUpstream("svc"))
            .build()) {
      assertThat(based.handle(Request.of("GET", "/users?a=b")).status()).isEqualTo(200);
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/internal/v2/users?a=b");
  }

  @Test
  void aRequestBodyOfKnownLengthIsForwardedWithItsLengthAndContentType() {
    upstream.enqueue(text(200, "ok"));
    Request request =
        Request.builder()
            .method("PUT")
            .target("/doc")
            .header("Content-Type", "application/json")
            .header("Content-Length", "999")
            .body(Body.of("{\"a\":1}"))
            .build();

    assertThat(gateway.handle(request).status()).isEqualTo(200);

    RecordedRequest seen = take(upstream);
    assertThat(seen.getMethod()).isEqualTo("PUT");
    assertThat(seen.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(seen.getHeaders().values("Content-Length")).containsExactly("7");
    assertThat(seen.getBody().utf8()).isEqualTo("{\"a\":1}");
  }

  @Test
  void aChunkedRequestBodyIsStreamedToTheUpstream() {
    upstream.enqueue(text(200, "ok"));
    byte[] payload = randomBytes(300_000);
    Request request =
        Request.builder()
            .method("POST")
            .target("/upload")
            .body(Body.of(new ByteArrayInputStream(payload), -1))
            .build();

    assertThat(gateway.handle(request).status()).isEqualTo(200);

    RecordedRequest seen = take(upstream);
    assertThat(seen.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(seen.getHeaders().get("Content-Length")).isNull();
    assertThat(seen.getBody().toByteArray()).isEqualTo(payload);
  }

  @Test
  void aResponseOfUnknownLengthIsStreamedToTheClient() throws IOException {
    byte[] payload = randomBytes(200_000);
    upstream.enqueue(
        new MockResponse.Builder().chunkedBody(new Buffer().write(payload), 4096).build());

    try (Response response = gateway.handle(Request.of("GET", "/stream"))) {
      assertThat(response.body().contentLength()).isEqualTo(-1);
      assertThat(response.body().isReplayable()).isFalse();
      assertThat(response.header("Transfer-Encoding")).isNull();
      try (InputStream in = response.body().stream()) {
        assertThat(in.readAllBytes()).isEqualTo(payload);
      }
    }
    take(upstream);
  }

  @Test
  void aGzipBodyIsReturnedStillCompressedAndByteIdentical() throws IOException {
    byte[] gzipped = gzip("hello ".repeat(1000));
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Encoding", "gzip")
            .addHeader("Vary", "Accept-Encoding")
            .body(new Buffer().write(gzipped))
            .build());
    Request request = Request.builder().target("/x").header("Accept-Encoding", "gzip, br").build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(response.body().contentLength()).isEqualTo(gzipped.length);
      assertThat(response.body().bytes(1 << 20)).isEqualTo(gzipped);
    }
    assertThat(take(upstream).getHeaders().get("Accept-Encoding")).isEqualTo("gzip, br");
  }

  @Test
  void identityEncodingIsAskedForWhenTheClientSentNoAcceptEncoding() throws IOException {
    upstream.enqueue(text(200, "plain"));
    try (Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.body().string()).isEqualTo("plain");
    }
    assertThat(take(upstream).getHeaders().get("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void redirectsFromTheUpstreamAreReturnedNotFollowed() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
    upstream.enqueue(text(200, "followed"));

    try (Response response = gateway.handle(Request.of("GET", "/old"))) {
      assertThat(response.status()).isEqualTo(302);
      assertThat(response.header("Location")).isEqualTo("/elsewhere");
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/old");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void everySetCookieIsReturnedInOrder() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Set-Cookie", "a=1; Path=/")
            .addHeader("Set-Cookie", "b=2; HttpOnly")
            .addHeader("Set-Cookie", "c=3")
            .body("ok")
            .build());

    try (Response response = gateway.handle(Request.of("GET", "/login"))) {
      assertThat(response.headers().values("Set-Cookie"))
          .containsExactly("a=1; Path=/", "b=2; HttpOnly", "c=3");
    }
    take(upstream);
  }

  @Test
  void headKeepsTheUpstreamsContentLength() throws IOException {
    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Length", "1234").build());

    try (Response response = gateway.handle(Request.of("HEAD", "/file"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().contentLength()).isEqualTo(1234);
      assertThat(response.body().stream().read()).isEqualTo(-1);
    }
    assertThat(take(upstream).getMethod()).isEqualTo("HEAD");
  }

  @Test
  void aGetWithABodyIs400AndNeverReachesTheUpstream() {
    Request request = Request.builder().target("/x").body(Body.of("sneaky")).build();

    assertThat(problem(gateway.handle(request), 400).path("detail").asText())
        .isEqualTo("GET requests must not have a body");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aPostWithoutABodyIsSentWithLengthZero() {
    upstream.enqueue(text(200, "ok"));
    assertThat(gateway.handle(Request.of("POST", "/x")).status()).isEqualTo(200);
    RecordedRequest seen = take(upstream);
    assertThat(seen.getMethod()).isEqualTo("POST");
    assertThat(seen.getHeaders().get("Content-Length")).isEqualTo("0");
  }

  @Test
  void noContentAndNotModifiedHaveEmptyBodies() throws IOException {
    upstream.enqueue(new MockResponse.Builder().code(204).build());
    upstream.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());

    try (Response noContent = gateway.handle(Request.of("DELETE", "/x"))) {
      assertThat(noContent.status()).isEqualTo(204);
      assertThat(noContent.body().contentLength()).isZero();
    }
    try (Response notModified =
        gateway.handle(Request.builder().target("/x").header("If-None-Match", "\"v1\"").build())) {
      assertThat(notModified.status()).isEqualTo(304);
      assertThat(notModified.header("ETag")).isEqualTo("\"v1\"");
      assertThat(notModified.body().stream().read()).isEqualTo(-1);
    }
    assertThat(take(upstream).getMethod()).isEqualTo("DELETE");
    assertThat(take(upstream).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
  }

  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
