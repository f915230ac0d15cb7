package dev.frontdesk.gateway.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ResponseCompression (named *Transform* so that the module's test filter runs it). */
class CompressionTransformTest extends TransformTestSupport {
  static final String JSON =
      "{\"items\":[" + "{\"name\":\"a moderately long name\"},".repeat(200) + "{}]}";

  @Test
  void aCompressibleBodyIsGzippedForAClientThatAcceptsIt() {
    start(ResponseCompression.gzip());
    upstream.enqueue(ok(JSON, "Content-Type: application/json", "ETag: \"v1\""));

    Response response = get("/x", "Accept-Encoding: br;q=1, gzip;q=0.5");

    assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
    assertThat(response.header("ETag")).isEqualTo("W/\"v1\"");
    assertThat(response.body().contentLength()).isEqualTo(-1);
    byte[] gz = bytes(response);
    assertThat(gz.length).isLessThan(JSON.length() / 5);
    assertThat(gunzip(gz)).isEqualTo(JSON);
  }

  @Test
  void aRangeRequestFromAClientThatAcceptsGzipGetsTheWholeCompressedBody() {
    start(ResponseCompression.gzip());
    serveWithRanges(JSON, "Content-Type: application/json", "ETag: \"v1\"");

    Response response = get("/x", "Accept-Encoding: gzip", "Range: bytes=100-", "If-Range: \"v1\"");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(response.header("Content-Range")).isNull();
    assertThat(response.header("Accept-Ranges")).isNull();
    assertThat(gunzip(bytes(response))).isEqualTo(JSON);
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getHeaders().get("Range")).isNull();
    assertThat(seen.getHeaders().get("If-Range")).isNull();
    assertThat(seen.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void aRangeRequestFromAClientThatRefusesGzipGetsTheUpstreamsPart() {
    start(ResponseCompression.gzip());
    serveWithRanges(JSON, "Content-Type: application/json");

    Response response = get("/x", "Accept-Encoding: identity", "Range: bytes=100-");

    assertThat(response.status()).isEqualTo(206);
    assertThat(response.header("Content-Encoding")).isNull();
    assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(body(response)).isEqualTo(JSON.substring(100));
    assertThat(TestUpstreams.take(upstream).getHeaders().get("Range")).isEqualTo("bytes=100-");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      client refuses gzip          | gzip;q=0, identity  | application/json   |        |    | true
      client names no gzip         | br                  | application/json   |        |    | true
      small body                   | gzip                | application/json   |        | 10 | true
      image                        | gzip                | image/png          |        |    | false
      event stream                 | gzip                | text/event-stream  |        |    | false
      no-transform                 | gzip                | text/plain         | no-transform |  | false
      """)
  void otherResponsesPassUncompressed(
      String why,
      String acceptEncoding,
      String type,
      String cacheControl,
      Integer size,
      boolean vary) {
    start(ResponseCompression.gzip());
    String body = size == null ? JSON : "x".repeat(size);
    MockResponse.Builder b = new MockResponse.Builder().addHeader("Content-Type", type).body(body);
    if (cacheControl != null) {
      b.addHeader("Cache-Control", cacheControl);
    }
    upstream.enqueue(b.build());

    Response response = get("/x", "Accept-Encoding: " + acceptEncoding);

    assertThat(response.header("Content-Encoding")).isNull();
    assertThat(response.header("Vary")).isEqualTo(vary && size == null ? "Accept-Encoding" : null);
    assertThat(body(response)).isEqualTo(body);
  }

  @ParameterizedTest(name = "Accept-Encoding: {0}")
  @CsvSource({"gzip, -1", "identity, 5000"})
  void aHeadCarriesTheFieldsTheGetWould(String acceptEncoding, long length) {
    start(ResponseCompression.gzip());
    String[] fields = {"Content-Type: application/json", "ETag: \"v1\"", "Content-Digest: a=:b=:"};
    upstream.enqueue(ok("x".repeat(5000), fields));
    MockResponse.Builder head = new MockResponse.Builder().addHeader("Content-Length", "5000");
    for (String field : fields) {
      head.addHeader(field);
    }
    upstream.enqueue(head.build());

    Response get = get("/x", "Accept-Encoding: " + acceptEncoding);
    Response response = send("HEAD", "/x", null, "Accept-Encoding: " + acceptEncoding);

    assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
    for (String name : List.of("Content-Encoding", "Vary", "ETag", "Content-Digest")) {
      assertThat(response.header(name)).as(name).isEqualTo(get.header(name));
    }
    assertThat(response.body().contentLength()).isEqualTo(length);
    assertThat(get.body().contentLength()).isEqualTo(length);
    assertThat(bytes(response)).isEmpty();
    assertThat(bytes(get)).isNotEmpty();
    assertThat(TestUpstreams.take(upstream).getMethod()).isEqualTo("GET");
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getMethod()).isEqualTo("HEAD");
    assertThat(seen.getHeaders().get("Accept-Encoding")).isEqualTo(acceptEncoding);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      compressible, gzip client      | gzip     | application/json | Accept-Encoding | W/"v1"
      compressible, identity client  | identity | application/json | Accept-Encoding | "v1"
      no Content-Type, gzip client   | gzip     |                  | Accept-Encoding | W/"v1"
      image, gzip client             | gzip     | image/png        |                 | "v1"
      """)
  void aNotModifiedCarriesTheVaryAndValidatorThe200Would(
      String why, String acceptEncoding, String type, String vary, String etag) {
    start(ResponseCompression.gzip());
    // No Content-Length: on a 304 it would be the resource's length (RFC 9110 §8.6), and 0 is
    // empty.
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(304)
            .removeHeader("Content-Length")
            .addHeader("ETag", "\"v1\"");
    if (type != null) {
      b.addHeader("Content-Type", type);
    }
    upstream.enqueue(b.build());

    Response response = get("/x", "Accept-Encoding: " + acceptEncoding, "If-None-Match: " + etag);

    assertThat(response.status()).isEqualTo(304);
    assertThat(response.header("Vary")).isEqualTo(vary);
    assertThat(response.header("ETag")).isEqualTo(etag);
    assertThat(response.header("Content-Encoding")).isNull();
    assertThat(bytes(response)).isEmpty();
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getHeaders().get("If-None-Match")).isEqualTo(etag);
    assertThat(seen.getHeaders().get("Accept-Encoding")).isEqualTo(acceptEncoding);
  }

  @Test
  void anAlreadyCodedBodyIsNotCodedTwice() {
    start(ResponseCompression.gzip());
    upstream.enqueue(okGzip(JSON, "Content-Type: application/json"));

    Response response = get("/x", "Accept-Encoding: gzip");
    assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(bytes(response))).isEqualTo(JSON);
  }

  @Test
  void aSlowBodyIsCompressedAsItArrivesNotAfterItEnds() {
    start(ResponseCompression.gzip());
    // 11 bytes, then a 2 s pause before each next 11: the first line must come out long before the
    // end.
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/plain")
            .body("first line\n" + "x".repeat(4000))
            .throttleBody(11, 2, TimeUnit.SECONDS)
            .build());

    assertTimeoutPreemptively(
        Duration.ofSeconds(1),
        () -> {
          try (Response response = get("/slow", "Accept-Encoding: gzip")) {
            InputStream in = new GZIPInputStream(response.body().stream(), 64);
            assertThat(new String(in.readNBytes(11), StandardCharsets.UTF_8))
                .isEqualTo("first line\n");
          }
        });
  }
}
