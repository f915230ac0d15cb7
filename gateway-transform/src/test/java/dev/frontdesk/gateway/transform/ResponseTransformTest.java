package dev.frontdesk.gateway.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ResponseTransformTest extends TransformTestSupport {
  static final JsonTransform SHAPE =
      JsonTransform.builder()
          .remove("/internal")
          .rename("/user_name", "userName")
          .move("/address/city", "/city")
          .set("/source", "gateway")
          .setJson("/version", "2")
          .build();

  static ResponseTransform shape() {
    return ResponseTransform.builder("shape").json(SHAPE).build();
  }

  @Test
  void setRemoveRenameAndMoveChangeAJsonResponseInOrder() {
    start(shape());
    upstream.enqueue(
        ok(
            "{\"id\":7,\"user_name\":\"ann\",\"internal\":{\"x\":1},\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}",
            "Content-Type: application/json; charset=utf-8",
            "ETag: \"v1\"",
            "Content-Digest: sha-256=:abc=:"));

    Response response = get("/users/7");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(response.header("ETag")).isEqualTo("W/\"v1\"");
    assertThat(response.header("Content-Digest")).isNull();
    String expected =
        "{\"id\":7,\"userName\":\"ann\",\"address\":{\"zip\":\"0150\"},\"city\":\"Oslo\","
            + "\"source\":\"gateway\",\"version\":2}";
    assertThat(response.body().contentLength()).isEqualTo(expected.length());
    assertThat(body(response)).isEqualTo(expected);
    assertThat(TestUpstreams.take(upstream).getUrl().encodedPath()).isEqualTo("/users/7");
  }

  @Test
  void addInsertsIntoAnArrayAndLeavesAMissingParentAlone() {
    start(
        ResponseTransform.builder("add")
            .json(
                JsonTransform.builder()
                    .add("/tags/0", "first")
                    .add("/tags/-", "last")
                    .add("/missing/x", "no")
                    .build())
            .build());
    upstream.enqueue(ok("{\"tags\":[\"a\"]}", "Content-Type: application/json"));

    assertThat(body(get("/x"))).isEqualTo("{\"tags\":[\"first\",\"a\",\"last\"]}");
  }

  @Test
  void templatesPlacePathVariablesQueryValuesAndIdentityClaims() {
    start(
        ResponseTransform.builder("who")
            .json(
                JsonTransform.builder()
                    .template("/meta/userId", "{id}")
                    .template("/meta/page", "{query.page}")
                    .template("/meta/by", "{identity.sub} via {identity.consumer}")
                    .template("/meta/tenant", "{identity.claim.tenant}")
                    .build())
            .build());
    upstream.enqueue(ok("{\"name\":\"ann\"}", "Content-Type: application/json"));

    String body = body(get("/users/7?page=2", "X-Test-User: yes"));

    assertThat(body)
        .isEqualTo(
            "{\"name\":\"ann\",\"meta\":{\"userId\":\"7\",\"page\":\"2\","
                + "\"by\":\"alice via mobile\",\"tenant\":42}}");
  }

  @Test
  void aTemplateValueTheRequestLacksIsRefusedBeforeTheUpstreamIsCalled() {
    start(
        ResponseTransform.builder("who")
            .json(
                JsonTransform.builder()
                    .template("/by", "{identity.sub}")
                    .template("/page", "{query.page}")
                    .build())
            .build());

    assertThat(TestUpstreams.problem(get("/users/7?page=1"), 401).path("detail").asText())
        .isEqualTo("authentication is required");
    assertThat(
            TestUpstreams.problem(get("/users/7", "X-Test-User: yes"), 400).path("detail").asText())
        .isEqualTo("the request has no query value 'page' for the template '{query.page}'");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aCustomFunctionSeesAndReplacesTheWholeDocument() {
    start(
        ResponseTransform.builder("wrap")
            .json(
                JsonTransform.builder()
                    .apply(
                        doc -> {
                          ObjectNode wrapped =
                              com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                                  .objectNode();
                          wrapped.set("data", doc);
                          wrapped.put("count", doc.size());
                          return wrapped;
                        })
                    .build())
            .build());
    upstream.enqueue(ok("[1,2,3]", "Content-Type: application/vnd.api+json"));

    assertThat(body(get("/x"))).isEqualTo("{\"data\":[1,2,3],\"count\":3}");
  }

  @Test
  void numbersKeepTheirExactTextThroughATransform() {
    start(shape());
    upstream.enqueue(
        ok("{\"id\":12345678901234567890,\"price\":1.10}", "Content-Type: application/json"));

    assertThat(body(get("/x"))).startsWith("{\"id\":12345678901234567890,\"price\":1.10,");
  }

  @Test
  void otherMediaTypesErrorsAndEventStreamsPassUntouched() {
    start(shape());
    upstream.enqueue(ok("{\"internal\":1}", "Content-Type: text/plain"));
    upstream.enqueue(ok("{\"internal\":1}"));
    upstream.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("Content-Type", "application/json")
            .body("{\"internal\":1}")
            .build());
    upstream.enqueue(ok("data: {\"internal\":1}\n\n", "Content-Type: text/event-stream"));

    assertThat(body(get("/plain"))).isEqualTo("{\"internal\":1}");
    assertThat(body(get("/untyped"))).isEqualTo("{\"internal\":1}");
    assertThat(body(get("/missing"))).isEqualTo("{\"internal\":1}");
    Response events = get("/events");
    assertThat(events.body().isReplayable()).isFalse();
    assertThat(body(events)).isEqualTo("data: {\"internal\":1}\n\n");
  }

  @Test
  void anyStatusTransformsErrorsToo() {
    start(ResponseTransform.builder("errors").anyStatus().json(SHAPE).build());
    upstream.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("Content-Type", "application/json")
            .body("{\"internal\":1}")
            .build());

    assertThat(body(get("/x"))).isEqualTo("{\"source\":\"gateway\",\"version\":2}");
  }

  @Test
  void anyStatusLeavesNotModifiedAndRedirectsAlone() {
    start(ResponseTransform.builder("errors").anyStatus().json(SHAPE).build());
    upstream.enqueue(
        new MockResponse.Builder()
            .code(304)
            .addHeader("Content-Type", "application/json")
            .addHeader("ETag", "\"v1\"")
            .addHeader("Content-Length", "14")
            .build());
    upstream.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "/elsewhere")
            .addHeader("Content-Type", "application/json")
            .body("{\"internal\":1}")
            .build());

    Response notModified = get("/x", "If-None-Match: \"v1\"");
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.header("ETag")).isEqualTo("\"v1\"");
    assertThat(notModified.body().contentLength()).isEqualTo(14); // the resource's, RFC 9110 §8.6
    assertThat(body(notModified)).isEmpty();
    Response redirect = get("/x");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(body(redirect)).isEqualTo("{\"internal\":1}");
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(TestUpstreams.take(upstream).getUrl().encodedPath()).isEqualTo("/x");
  }

  @Test
  void malformedJsonFromTheUpstreamIsA502NamingTheTransform() {
    start(shape());
    upstream.enqueue(ok("{\"id\": 7,", "Content-Type: application/json"));
    upstream.enqueue(ok("{\"id\": 7} trailing", "Content-Type: application/json"));

    JsonNode problem = TestUpstreams.problem(get("/x"), 502);
    assertThat(problem.path("detail").asText())
        .startsWith("transform 'shape': the upstream's body cannot be transformed: not JSON: ");
    assertThat(TestUpstreams.problem(get("/x"), 502).path("detail").asText())
        .contains("transform 'shape'");
  }

  @Test
  void aChunkedBodyOverTheLimitPassesThroughWholeAndUntouched() {
    start(ResponseTransform.builder("small").maxBodySize(1024).json(SHAPE).build());
    String big = "{\"internal\":\"" + "x".repeat(100_000) + "\"}";
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .chunkedBody(big, 4096)
            .build());
    upstream.enqueue(ok(big, "Content-Type: application/json"));

    Response chunked = get("/big");
    assertThat(chunked.body().contentLength()).isEqualTo(-1);
    assertThat(body(chunked)).isEqualTo(big);
    Response declared = get("/big");
    assertThat(declared.body().contentLength()).isEqualTo(big.length());
    assertThat(body(declared)).isEqualTo(big);
  }

  @Test
  void aBodyOverTheLimitIsA502WhenSoConfigured() {
    start(
        ResponseTransform.builder("small")
            .maxBodySize(1024)
            .overLimit(OverLimit.REFUSE)
            .json(SHAPE)
            .build());
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .chunkedBody("[" + "1,".repeat(10_000) + "1]", 512)
            .build());

    assertThat(TestUpstreams.problem(get("/big"), 502).path("detail").asText())
        .isEqualTo(
            "transform 'small': the upstream's body is over the transform's limit of 1024 bytes");
  }

  @Test
  void aGzipBodyIsDecodedTransformedAndEncodedAgain() {
    start(shape());
    upstream.enqueue(
        okGzip("{\"internal\":1,\"user_name\":\"ann\"}", "Content-Type: application/json"));

    Response response = get("/x", "Accept-Encoding: gzip");

    assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
    byte[] bytes = bytes(response);
    assertThat(gunzip(bytes))
        .isEqualTo("{\"userName\":\"ann\",\"source\":\"gateway\",\"version\":2}");
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void aGzipBodyPassesUntransformedWhenSoConfigured() {
    start(
        ResponseTransform.builder("raw")
            .compressedBody(CompressedBody.PASS_THROUGH)
            .json(SHAPE)
            .build());
    String json = "{\"internal\":1}";
    upstream.enqueue(okGzip(json, "Content-Type: application/json"));

    Response response = get("/x", "Accept-Encoding: gzip");
    assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(bytes(response))).isEqualTo(json);
  }

  @Test
  void aBrokenGzipBodyIsA502() {
    start(shape());
    upstream.enqueue(
        ok("not gzip at all", "Content-Type: application/json", "Content-Encoding: gzip"));

    assertThat(
            TestUpstreams.problem(get("/x", "Accept-Encoding: gzip"), 502).path("detail").asText())
        .isEqualTo(
            "transform 'shape': the upstream's body cannot be transformed: its gzip coding is broken");
  }

  @Test
  void aRangeRequestGetsTheWholeTransformedBodyNotTheUpstreamsPartOfTheOriginal() {
    start(shape());
    serveWithRanges(
        "{\"internal\":1,\"user_name\":\"ann\"}", "Content-Type: application/json", "ETag: \"v1\"");
    String transformed = "{\"userName\":\"ann\",\"source\":\"gateway\",\"version\":2}";

    Response first = get("/x");
    assertThat(first.header("Accept-Ranges")).isNull();
    assertThat(body(first)).isEqualTo(transformed);
    Response resumed = get("/x", "Range: bytes=10-", "If-Range: \"v1\"");
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.header("Content-Range")).isNull();
    assertThat(resumed.header("Accept-Ranges")).isNull();
    assertThat(body(resumed)).isEqualTo(transformed);

    assertThat(TestUpstreams.take(upstream).getHeaders().get("Range")).isNull();
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getHeaders().get("Range")).isNull();
    assertThat(seen.getHeaders().get("If-Range")).isNull();
    assertThat(seen.getUrl().encodedPath()).isEqualTo("/x");
  }

  @Test
  void headRequestsAndEmptyBodiesAreLeftAlone() {
    start(shape());
    upstream.enqueue(
        new MockResponse.Builder().code(204).addHeader("Content-Type", "application/json").build());
    upstream.enqueue(ok("", "Content-Type: application/json"));

    assertThat(get("/x").status()).isEqualTo(204);
    assertThat(body(get("/x"))).isEmpty();
  }

  @Test
  void aChunkedBodyThatTurnsOutEmptyPassesAsAnEmptyBody() {
    start(shape());
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .chunkedBody("", 16)
            .build());
    upstream.enqueue(okGzip("", "Content-Type: application/json"));

    Response chunked = get("/x");
    assertThat(chunked.status()).isEqualTo(200);
    assertThat(body(chunked)).isEmpty();
    Response gzipped = get("/x", "Accept-Encoding: gzip");
    assertThat(gzipped.status()).isEqualTo(200);
    assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(bytes(gzipped))).isEmpty();
    assertThat(TestUpstreams.take(upstream).getUrl().encodedPath()).isEqualTo("/x");
    assertThat(TestUpstreams.take(upstream).getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void aJsonBodyInAnotherCharsetGoesOutAsUtf8AndSaysSo() {
    start(shape());
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json; charset=UTF-16")
            .body(
                new Buffer()
                    .write("{\"user_name\":\"Zo\u00eb\"}".getBytes(StandardCharsets.UTF_16BE)))
            .build());

    Response response = get("/x");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(new String(bytes(response), StandardCharsets.UTF_8))
        .isEqualTo("{\"userName\":\"Zo\u00eb\",\"source\":\"gateway\",\"version\":2}");
    assertThat(TestUpstreams.take(upstream).getUrl().encodedPath()).isEqualTo("/x");
  }

  @Test
  void aTransformDeclaresThatItBuffersBodies() {
    assertThat(shape().buffersBody()).isTrue();
    assertThat(shape().toString())
        .isEqualTo(
            "ResponseTransform{shape, JsonTransform[remove(/internal), "
                + "rename(/user_name -> userName), move(/address/city -> /city), set(/source), setJson(/version)],"
                + " bodies up to 1048576}");
  }
}
