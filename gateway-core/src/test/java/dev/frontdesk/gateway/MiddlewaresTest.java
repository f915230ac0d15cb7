package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiddlewaresTest {
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private Gateway gateway(String pattern, Middleware... middleware) {
    return Gateway.builder()
        .route("r", r -> r.path(pattern).use(middleware).proxyTo(baseUrl(upstream)))
        .build();
  }

  @Test
  void requestHeaderOperationsChangeWhatTheUpstreamReceives() throws IOException {
    upstream.enqueue(text(200, "ok"));
    Request request =
        Request.builder()
            .target("/x")
            .header("X-Set", "old")
            .header("X-Add", "first")
            .header("X-Remove", "secret")
            .build();

    try (Gateway gateway =
            gateway(
                "/x",
                Middlewares.setRequestHeader("x-set", "new"),
                Middlewares.addRequestHeader("X-Add", "second"),
                Middlewares.removeRequestHeader("x-remove"));
        Response response = gateway.handle(request)) {
      assertThat(response.body().string()).isEqualTo("ok");
    }

    RecordedRequest seen = take(upstream);
    assertThat(seen.getHeaders().values("X-Set")).containsExactly("new");
    assertThat(seen.getHeaders().values("X-Add")).containsExactly("first", "second");
    assertThat(seen.getHeaders().get("X-Remove")).isNull();
  }

  @Test
  void responseHeaderOperationsChangeWhatTheClientReceives() throws IOException {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("X-Set", "old")
            .addHeader("X-Add", "first")
            .addHeader("Server", "secret-server")
            .body("ok")
            .build());

    try (Gateway gateway =
            gateway(
                "/x",
                Middlewares.setResponseHeader("X-Set", "new"),
                Middlewares.addResponseHeader("X-Add", "second"),
                Middlewares.removeResponseHeader("server"));
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.headers().values("X-Set")).containsExactly("new");
      assertThat(response.headers().values("X-Add")).containsExactly("first", "second");
      assertThat(response.header("Server")).isNull();
      assertThat(response.body().string()).isEqualTo("ok");
    }
    take(upstream);
  }

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource({
    "/api/users/7?a=1, 1, /users/7?a=1",
    "/api/v1/users/7, 2, /users/7",
    "/api/users/, 1, /users/",
    "/api, 1, /",
    "/api, 3, /",
  })
  void stripPrefixRemovesLeadingSegmentsAndKeepsTheQuery(
      String target, int segments, String forwarded) {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway("/api/**", Middlewares.stripPrefix(segments))) {
      assertThat(gateway.handle(Request.of("GET", target)).status()).isEqualTo(200);
    }
    assertThat(take(upstream).getTarget()).isEqualTo(forwarded);
  }

  @Test
  void addPrefixPutsLiteralSegmentsFirst() {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway("/**", Middlewares.addPrefix("/v2/internal"))) {
      assertThat(gateway.handle(Request.of("GET", "/users/7?x=y")).status()).isEqualTo(200);
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/v2/internal/users/7?x=y");
    assertThatThrownBy(() -> Middlewares.addPrefix("/v2/"))
        .hasMessage("prefix must not end with '/': '/v2/'");
    assertThatThrownBy(() -> Middlewares.addPrefix("/a/../b"))
        .hasMessage(
            "prefix '/a/../b' is not a valid path: rejected an ambiguous request path: a dot segment ('.' or '..') in the path");
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/users/7 | /api/(?<rest>.*)          | /v1/${rest}   | /v1/users/7",
        "/api/users/7 | /api/([a-z]+)/([0-9]+)    | /$1/by-id/$2  | /users/by-id/7",
        "/old/x/y     | ^/old                     | /new          | /new/x/y",
      })
  void rewritePathReplacesWithNamedAndNumberedCaptures(
      String path, String regex, String replacement, String forwarded) {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway("/**", Middlewares.rewritePath(regex, replacement))) {
      assertThat(gateway.handle(Request.of("GET", path + "?q=1")).status()).isEqualTo(200);
    }
    assertThat(take(upstream).getTarget()).isEqualTo(forwarded + "?q=1");
  }

  @Test
  void aRewriteThatProducesAnAmbiguousPathIs400AndNeverReachesTheUpstream() {
    try (Gateway gateway =
        gateway("/**", Middlewares.rewritePath("/api/(?<rest>.*)", "/safe/../${rest}"))) {
      problem(gateway.handle(Request.of("GET", "/api/admin")), 400);
    }
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aDeclaredBodyLengthOverTheLimitIs413AndTheUpstreamReceivesNothing() {
    CountingStream body = new CountingStream(new byte[11]);
    Request request =
        Request.builder().method("POST").target("/upload").body(Body.of(body, 11)).build();

    try (Gateway gateway = gateway("/upload", Middlewares.maxRequestBodySize(10))) {
      Response response = gateway.handle(request);
      assertThat(problem(response, 413).path("detail").asText())
          .isEqualTo("the request body of 11 bytes exceeds the limit of 10");
    }
    assertThat(upstream.getRequestCount()).isZero();
    assertThat(body.read.get()).isZero();
  }

  @Test
  void aChunkedBodyThatCrossesTheLimitIs413() {
    upstream.enqueue(new MockResponse.Builder().code(200).body("should not be used").build());
    Request request =
        Request.builder()
            .method("POST")
            .target("/upload")
            .body(Body.of(new ByteArrayInputStream(new byte[64 * 1024]), -1))
            .build();

    try (Gateway gateway = gateway("/upload", Middlewares.maxRequestBodySize(1000))) {
      assertThat(problem(gateway.handle(request), 413).path("detail").asText())
          .isEqualTo("body exceeds the limit of 1000 bytes");
    }
    assertThat(upstream.getRequestCount()).as("the upstream never got a whole request").isZero();
  }

  @Test
  void aChunkedBodyWithinTheLimitIsForwardedWhole() {
    upstream.enqueue(text(200, "stored"));
    Request request =
        Request.builder()
            .method("POST")
            .target("/upload")
            .body(
                Body.of(
                    new ByteArrayInputStream(
                        "x".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    -1))
            .build();

    try (Gateway gateway = gateway("/upload", Middlewares.maxRequestBodySize(1000))) {
      assertThat(gateway.handle(request).body().string()).isEqualTo("stored");
    }
    RecordedRequest seen = take(upstream);
    assertThat(seen.getBody().utf8()).isEqualTo("x".repeat(1000));
    assertThat(seen.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
  }

  @Test
  void beforeAndAfterChangeTheRequestAndTheResponse() throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway =
            gateway(
                "/x",
                Middlewares.before(req -> req.newBuilder().header("X-Before", "1").build()),
                Middlewares.after(
                    (req, res) ->
                        res.newBuilder().header("X-Saw", req.header("X-Before")).build()));
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.header("X-Saw")).isEqualTo("1");
    }
    assertThat(take(upstream).getHeaders().get("X-Before")).isEqualTo("1");
  }

  @Test
  void factoriesRefuseBadArguments() {
    assertThatThrownBy(() -> Middlewares.stripPrefix(0))
        .hasMessage("segments must be at least 1: 0");
    assertThatThrownBy(() -> Middlewares.maxRequestBodySize(-1))
        .hasMessage("maxBytes must not be negative: -1");
    assertThatThrownBy(() -> Middlewares.setRequestHeader("Bad Name", "v"))
        .hasMessage("header name 'Bad Name' has a character not allowed in a token at 3");
    assertThat(Middlewares.stripPrefix(2)).hasToString("stripPrefix(2)");
  }

  private static final class CountingStream extends InputStream {
    final AtomicInteger read = new AtomicInteger();
    private final InputStream in;

    CountingStream(byte[] bytes) {
      this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() throws IOException {
      read.incrementAndGet();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      read.incrementAndGet();
      return in.read(b, off, len);
    }
  }
}
