package dev.frontdesk.gateway.servlet;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the container refuses before the gateway runs, in a container set up as the README
 * embeds it ({@link JettyErrors} / {@link TomcatErrors}): the client gets a 4xx problem+json that
 * names neither the product nor a version, and the upstream gets nothing.
 */
abstract class ContainerErrorsSuite extends ServletFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAD = "Host: 127.0.0.1\r\nConnection: close\r\n";

  static Stream<Arguments> refusedRequests() {
    return Stream.of(
        Arguments.of(
            "duplicate Content-Length with different values",
            "POST /api/x HTTP/1.1\r\n"
                + HEAD
                + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
        Arguments.of(
            "a Content-Length that is not a number",
            "POST /api/x HTTP/1.1\r\n" + HEAD + "Content-Length: abc\r\n\r\nhello"),
        Arguments.of(
            "a negative Content-Length",
            "POST /api/x HTTP/1.1\r\n" + HEAD + "Content-Length: -5\r\n\r\nhello"),
        Arguments.of(
            "a chunk size that is not hexadecimal",
            "POST /api/x HTTP/1.1\r\n"
                + HEAD
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
        Arguments.of(
            "a method with a character a token cannot have",
            "G@T /api/x HTTP/1.1\r\n" + HEAD + "\r\n"),
        Arguments.of("a request line that is one word", "GARBAGE\r\n\r\n"),
        Arguments.of("an encoded slash in the path", "GET /api/a%2fb HTTP/1.1\r\n" + HEAD + "\r\n"),
        Arguments.of("an invalid percent-encoding", "GET /api/%zz HTTP/1.1\r\n" + HEAD + "\r\n"),
        Arguments.of(
            "a header field name with a space",
            "GET /api/x HTTP/1.1\r\n" + HEAD + "Bad Name: x\r\n\r\n"),
        Arguments.of(
            "a 70 kB header field",
            "GET /api/x HTTP/1.1\r\n" + HEAD + "X-Big: " + "a".repeat(70_000) + "\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedRequests")
  void refusesWithProblemJsonThatNamesNoProduct(String what, String request) throws Exception {
    byte[] raw = RawHttp.exchange(container.port(), request);
    RawHttp.Reply reply = RawHttp.Reply.parse(raw);

    assertThat(reply.status()).as(container + ", " + what).isBetween(400, 499);
    assertIsAProblemNamingNoProduct(raw, reply);
    assertThat(upstream.getRequestCount()).isZero();
  }

  /** RFC 9110 §15.6.6: the one refusal that is a 5xx, as both containers answer it. */
  @Test
  void refusesAnUnknownHttpVersionWith505AsAProblem() throws Exception {
    byte[] raw = RawHttp.exchange(container.port(), "GET /api/x HTTP/9.9\r\n" + HEAD + "\r\n");
    RawHttp.Reply reply = RawHttp.Reply.parse(raw);

    assertThat(reply.status()).isEqualTo(505);
    assertIsAProblemNamingNoProduct(raw, reply);
    assertThat(upstream.getRequestCount()).isZero();
  }

  /**
   * RFC 9110 §7.8: a client sending Upgrade must name it in Connection too. Tomcat ignores the
   * stray field, and the gateway removes it as hop-by-hop; Jetty 12.1 refuses the request in its
   * HTTP/1.1 parser, with no setting to turn that off, so there the answer is a 400 problem.
   */
  @Test
  void upgradeWithoutConnectionUpgradeIsForwardedWithoutItOrRefusedAsAProblem() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    byte[] raw =
        RawHttp.exchange(
            container.port(), "GET /api/x HTTP/1.1\r\n" + HEAD + "Upgrade: websocket\r\n\r\n");
    RawHttp.Reply reply = RawHttp.Reply.parse(raw);

    if (container instanceof JettyContainer) {
      assertThat(reply.status()).isEqualTo(400);
      assertIsAProblemNamingNoProduct(raw, reply);
      assertThat(upstream.getRequestCount()).isZero();
    } else {
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.bodyText()).isEqualTo("ok");
      RecordedRequest recorded = upstream.takeRequest();
      assertThat(recorded.getHeaders().get("Upgrade")).isNull();
      assertThat(recorded.getHeaders().values("Connection")).noneMatch(v -> v.contains("pgrade"));
    }
  }

  /** The setup changes only what the container says itself: the gateway answers as before. */
  @Test
  void requestsTheContainerAcceptsStillReachTheGateway() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    RawHttp.Reply proxied = RawHttp.send(container.port(), "GET", "/api/fine");
    RawHttp.Reply notFound = RawHttp.send(container.port(), "GET", "/nothing");

    assertThat(proxied.status()).isEqualTo(200);
    assertThat(proxied.bodyText()).isEqualTo("ok");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/fine");
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(JSON.readTree(notFound.body()).path("requestId").asText())
        .isEqualTo(notFound.header("X-Request-Id"));
  }

  private void assertIsAProblemNamingNoProduct(byte[] raw, RawHttp.Reply reply) throws Exception {
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = JSON.readTree(reply.body());
    assertThat(problem.path("status").asInt()).isEqualTo(reply.status());
    assertThat(problem.path("type").asText()).isEqualTo("about:blank");
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(reply.values("Server")).isEmpty();
    // Everything after the status line ("HTTP/1.1" is the protocol's version, not a product's).
    String rest = new String(raw, ISO_8859_1);
    rest = rest.substring(rest.indexOf("\r\n") + 2);
    assertThat(rest)
        .as(container + " said")
        .doesNotContainIgnoringCase("jetty")
        .doesNotContainIgnoringCase("tomcat")
        .doesNotContainIgnoringCase("apache")
        .doesNotContainIgnoringCase("eclipse")
        .doesNotContainPattern("\\d+\\.\\d+")
        .doesNotContain("<html");
  }
}
