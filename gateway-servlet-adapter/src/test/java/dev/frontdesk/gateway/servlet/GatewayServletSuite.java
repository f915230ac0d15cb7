package dev.frontdesk.gateway.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Proxying through {@link GatewayServlet}: bodies, statuses, headers, on every container. */
abstract class GatewayServletSuite extends ServletFixture {
  @Test
  void proxiesAGetWithItsQueryStringAndReturnsStatusHeadersAndBody() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .code(203)
            .addHeader("X-Upstream", "yes")
            .addHeader("Content-Type", "text/plain")
            .body("hello")
            .build());

    HttpResponse<String> response = get("/api/users/7?b=2&a=1&a=%20x", "X-Client", "c1");

    assertThat(response.statusCode()).isEqualTo(203);
    assertThat(response.headers().firstValue("X-Upstream")).hasValue("yes");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(response.body()).isEqualTo("hello");
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getTarget()).isEqualTo("/api/users/7?b=2&a=1&a=%20x");
    assertThat(recorded.getHeaders().get("X-Client")).isEqualTo("c1");
    assertThat(recorded.getBodySize()).isZero();
  }

  /**
   * The id the upstream got is the one the client gets, even over an upstream's own X-Request-Id.
   */
  @Test
  void aProxiedAnswerCarriesTheRequestIdTheUpstreamReceived() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder().addHeader("X-Request-Id", "upstream-made").body("ok").build());

    HttpResponse<String> response = get("/api/users/7", "X-Request-Id", "client-made");

    RecordedRequest recorded = upstream.takeRequest();
    String sent = recorded.getHeaders().get("X-Request-Id");
    assertThat(sent)
        .matches("[0-9a-f]{16}"); // a client that is not a trusted proxy does not choose it
    assertThat(response.headers().allValues("X-Request-Id")).containsExactly(sent);
    assertThat(response.body()).isEqualTo("ok");
  }

  /**
   * The container must hand over the raw path: a decoded one would change what the upstream sees.
   */
  @Test
  void forwardsPercentEncodedPathsAsSent() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    HttpResponse<String> response = get("/api/caf%C3%A9/a%20b/c+d?q=%26x%3D1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/caf%C3%A9/a%20b/c+d?q=%26x%3D1");
  }

  @Test
  void proxiesAFixedLengthPostBody() throws Exception {
    String body = "x".repeat(50_000) + "end";
    upstream.enqueue(new MockResponse.Builder().code(201).body("created").build());

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/items"))
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(body))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("created");
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getHeaders().get("Content-Length"))
        .isEqualTo(Integer.toString(body.length()));
    assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("text/plain");
    assertThat(recorded.getBody().utf8()).isEqualTo(body);
  }

  @Test
  void proxiesAChunkedRequestBodyWithoutKnowingItsLength() throws Exception {
    byte[] body = "chunk-".repeat(20_000).getBytes(UTF_8);
    upstream.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/upload"))
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("PUT");
    assertThat(recorded.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(recorded.getHeaders().get("Content-Length")).isNull();
    assertThat(recorded.getBody().toByteArray()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 204, 301, 304, 400, 404, 418, 500, 503})
  void passesUpstreamStatusCodesThrough(int status) throws Exception {
    MockResponse.Builder answer =
        new MockResponse.Builder().code(status).addHeader("X-Status", status);
    if (status == 301) {
      answer.addHeader("Location", "/elsewhere");
    }
    if (status != 204 && status != 304) {
      answer.body("status " + status);
    }
    upstream.enqueue(answer.build());

    HttpResponse<String> response = get("/api/status");

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("X-Status")).hasValue(Integer.toString(status));
    assertThat(response.body()).isEqualTo(status == 204 || status == 304 ? "" : "status " + status);
    if (status == 301) {
      assertThat(response.headers().firstValue("Location")).hasValue("/elsewhere");
    }
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/status");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  /**
   * RFC 9110 §8.6: no Content-Length on a 204; on a 304 and a HEAD answer only the length the
   * upstream declared for the resource (Tomcat leaves it off a 304). None of them may carry a body
   * or chunked framing.
   */
  @ParameterizedTest
  @CsvSource({"GET,204,", "GET,304,1234", "HEAD,200,1234"})
  void answersBodylessResponsesWithoutABodyOrMadeUpLength(String method, int status, String length)
      throws Exception {
    MockResponse.Builder answer =
        new MockResponse.Builder().code(status).addHeader("ETag", "\"v1\"");
    if (length != null) {
      answer.addHeader("Content-Length", length);
    }
    upstream.enqueue(answer.build());

    RawHttp.Reply reply =
        RawHttp.send(container.port(), method, "/api/resource", "If-None-Match: \"v0\"");

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.body()).isEmpty();
    List<String> declared = length == null ? List.of() : List.of(length);
    if (status == 304) { // Tomcat drops it, which RFC 9110 §8.6 allows ("MAY send")
      assertThat(reply.values("Content-Length")).isIn(List.of(), declared);
    } else {
      assertThat(reply.values("Content-Length")).isEqualTo(declared);
    }
    assertThat(reply.values("Transfer-Encoding")).isEmpty();
    assertThat(reply.header("ETag")).isEqualTo("\"v1\"");
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo(method);
    assertThat(recorded.getHeaders().get("If-None-Match")).isEqualTo("\"v0\"");
  }

  @Test
  void keepsEverySetCookieHeaderSeparate() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Set-Cookie", "a=1; Path=/; HttpOnly")
            .addHeader("Set-Cookie", "b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT")
            .addHeader("Set-Cookie", "c=3")
            .body("cookies")
            .build());

    HttpResponse<String> response = get("/api/login", "Cookie", "session=abc");

    assertThat(response.headers().allValues("Set-Cookie"))
        .containsExactly(
            "a=1; Path=/; HttpOnly", "b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT", "c=3");
    assertThat(response.body()).isEqualTo("cookies");
    assertThat(upstream.takeRequest().getHeaders().get("Cookie")).isEqualTo("session=abc");
  }

  @Test
  void passesGzipBodiesThroughByteIdenticalBothWays() throws Exception {
    byte[] download = gzip("{\"items\":[" + "1,".repeat(5_000) + "1]}");
    byte[] upload = gzip("uploaded ".repeat(3_000));
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Encoding", "gzip")
            .addHeader("Content-Type", "application/json")
            .body(new Buffer().write(download))
            .build());

    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/data"))
                .header("Accept-Encoding", "gzip")
                .header("Content-Encoding", "gzip")
                .POST(BodyPublishers.ofByteArray(upload))
                .build(),
            BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(response.body()).isEqualTo(download);
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    assertThat(recorded.getHeaders().get("Content-Encoding")).isEqualTo("gzip");
    assertThat(recorded.getBody().toByteArray()).isEqualTo(upload);
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(UTF_8));
    }
    return bytes.toByteArray();
  }
}
