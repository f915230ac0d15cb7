package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The round-trip tests' shared table runner: what a client sees, compared answer by answer. */
final class SameAnswers {
  private static final List<String> HEADERS =
      List.of(
          "Content-Type",
          "Content-Encoding",
          "Vary",
          "Location",
          "X-Served-By",
          "Cache-Control",
          "Cache-Status",
          "WWW-Authenticate",
          "RateLimit",
          "RateLimit-Policy",
          "Retry-After",
          "Allow",
          "ETag");

  /**
   * The trace id of the trace context tests send: echoed as it is, where other trace ids are not.
   */
  static final String CLIENT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  private SameAnswers() {}

  /**
   * A gateway from {@code yaml}, with {@code ${env:...}} from {@code env}, relative paths from test
   * resources.
   */
  static Gateway fromConfig(String yaml, Map<String, String> env) {
    return GatewayConfig.builder()
        .environment(env::get)
        .build()
        .parse("gateway.yaml", yaml, Path.of("src/test/resources").toAbsolutePath())
        .gateway();
  }

  /**
   * Sends each request of the table to both gateways, in order, and asserts the same answers;
   * returns the answers (for the test to assert that the table reaches more than one outcome).
   */
  static List<String> assertSameAnswers(Gateway fromCode, Gateway fromConfig, List<Request> table) {
    List<String> answers = new ArrayList<>();
    for (Request request : table) {
      String expected = describe(fromCode.handle(request));
      String actual = describe(fromConfig.handle(request));
      assertThat(actual).as(request.method() + " " + request.target()).isEqualTo(expected);
      answers.add(actual);
    }
    return answers;
  }

  /** What a client sees, without the per-request id and timing. */
  static String describe(Response response) {
    Map<String, String> headers = new TreeMap<>();
    for (String name : HEADERS) {
      String value = response.header(name);
      if (value != null) {
        headers.put(
            name,
            value.replaceAll(
                "ttl=-?[0-9]+", "ttl=*")); // seconds left: the two gateways ask a moment apart
      }
    }
    byte[] bytes;
    try {
      bytes = response.body().bytes(1 << 20);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String body =
        "gzip".equals(response.header("Content-Encoding"))
            ? "gzip:" + gunzip(bytes)
            : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    body =
        body.replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":\"*\"")
            .replaceAll("\"(timeMs|elapsedMs|ms)\":[0-9.]+", "\"$1\":0");
    return response.status() + " " + headers + " " + body;
  }

  private static String gunzip(byte[] bytes) {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An upstream that answers with what it received (method, target, the headers that matter, body)
   * and its own count of requests; a target ending in {@code .xml} is answered in XML.
   */
  static MockWebServer echo(String name) {
    AtomicInteger count = new AtomicInteger();
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            int n = count.incrementAndGet();
            if (request.getTarget().contains(".xml")) {
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "application/xml")
                  .body("<order id=\"7\"><item>a</item><total>3</total></order>")
                  .build();
            }
            List<String> seen = new ArrayList<>();
            for (String header : List.of("Content-Type", "X-Env", "traceparent")) {
              String value = request.getHeaders().get(header);
              if (value != null) {
                // span ids, and the trace ids of traces the gateway starts, differ per run: the
                // client's carries over
                seen.add(
                    header.toLowerCase(Locale.ROOT)
                        + "="
                        + (!header.equals("traceparent")
                            ? value
                            : value.contains(CLIENT_TRACE_ID)
                                ? "00-" + CLIENT_TRACE_ID + "-*"
                                : "a new trace"));
              }
            }
            String received = request.getBody() == null ? "" : request.getBody().utf8();
            String body =
                "{\"upstream\":\""
                    + name
                    + "\",\"n\":"
                    + n
                    + ",\"seen\":\""
                    + request.getMethod()
                    + " "
                    + request.getTarget()
                    + " "
                    + seen
                    + "\",\"body\":"
                    + quote(received)
                    + ",\"padding\":\""
                    + "x".repeat(2048)
                    + "\"}";
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader(
                    "Cache-Control",
                    request.getTarget().contains("fresh") ? "max-age=60" : "no-cache")
                .body(body)
                .build();
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
