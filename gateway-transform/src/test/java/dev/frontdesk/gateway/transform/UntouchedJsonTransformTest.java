package dev.frontdesk.gateway.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The parts of a JSON body that no step reaches are not built into a tree but copied as sent:
 * through a gateway and a real upstream, they keep their exact text (minus whitespace), and a fault
 * inside them is refused as before.
 */
class UntouchedJsonTransformTest extends TransformTestSupport {
  static final String UNTOUCHED =
      "{\"price\":1.10,\"id\":12345678901234567890,\"huge\":1e400,\"name\":\"caf\\u00e9 \\/ x\","
          + "\"list\":[{\"a\":[]},{\"b\":{}},-0.0]}";

  static ResponseTransform shape() {
    return ResponseTransform.builder("shape")
        .json(
            JsonTransform.builder()
                .remove("/internal")
                .rename("/user_name", "userName")
                .move("/address/city", "/city")
                .set("/items/1/seen", "yes")
                .build())
        .build();
  }

  @Test
  void untouchedPartsGoOutAsSentAndPrettyInputComesOutCompact() {
    start(shape());
    String pretty =
        "{\n  \"user_name\" : \"ann\",\n  \"internal\" : { \"x\" : [ 1, 2 ] },\n"
            + "  \"address\" : { \"city\" : \"Oslo\", \"zip\" : \"0150\" },\n"
            + "  \"items\" : [ { \"n\" : 1 }, { \"n\" : 2 }, { \"n\" : 3.0 } ],\n"
            + "  \"untouched\" : "
            + UNTOUCHED.replace(",", " ,\n    ").replace(":", " : ")
            + "\n}\n";
    upstream.enqueue(ok(pretty, "Content-Type: application/json"));

    Response response = get("/users/7");

    String expected =
        "{\"userName\":\"ann\",\"address\":{\"zip\":\"0150\"},"
            + "\"items\":[{\"n\":1},{\"n\":2,\"seen\":\"yes\"},{\"n\":3.0}],"
            + "\"untouched\":"
            + UNTOUCHED
            + ",\"city\":\"Oslo\"}";
    assertThat(response.body().contentLength()).isEqualTo(expected.length());
    assertThat(body(response)).isEqualTo(expected);
  }

  @Test
  void malformedJsonInsideAnUntouchedPartIsA502NamingTheTransform() {
    start(shape());
    upstream.enqueue(
        ok("{\"internal\":1,\"other\":{\"a\":[1,2,]}}", "Content-Type: application/json"));
    upstream.enqueue(ok("{\"other\":{\"a\":\"\\q\"}}", "Content-Type: application/json"));
    upstream.enqueue(ok("{\"other\":{\"a\":1}} []", "Content-Type: application/json"));
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(new Buffer().writeUtf8("{\"other\":{\"a\":\"x").writeByte(0xFF).writeUtf8("\"}}"))
            .build());

    assertThat(detail(get("/x"), 502))
        .isEqualTo(
            "transform 'shape': the upstream's body cannot be transformed: not JSON: Unexpected"
                + " character (']' (code 93)): expected a value (line 1, column 33)");
    assertThat(detail(get("/x"), 502))
        .isEqualTo(
            "transform 'shape': the upstream's body cannot be transformed: not JSON: Unrecognized"
                + " character escape 'q' (code 113) (line 1, column 17)");
    assertThat(detail(get("/x"), 502))
        .isEqualTo(
            "transform 'shape': the upstream's body cannot be transformed: not JSON: Trailing"
                + " token (of type START_ARRAY) found after value (bound as"
                + " `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS` (line 1, column 19)");
    assertThat(detail(get("/x"), 502))
        .isEqualTo(
            "transform 'shape': the upstream's body cannot be transformed: not JSON: Invalid UTF-8"
                + " start byte 0xff (line 1, column 18)");
  }

  @Test
  void aClientsMalformedJsonInsideAnUntouchedPartIsA400AndNothingGoesUpstream() {
    start(
        RequestTransform.builder("stamp")
            .json(JsonTransform.builder().remove("/debug").build())
            .build());
    upstream.enqueue(ok("done"));

    Response bad =
        send(
            "POST",
            "/orders",
            Body.of("{\"debug\":1,\"lines\":[{\"sku\":\"a\" \"qty\":2}]}"),
            "Content-Type: application/json");
    assertThat(detail(bad, 400))
        .isEqualTo(
            "transform 'stamp': the request's body cannot be transformed: not JSON: Unexpected"
                + " character ('\"' (code 34)): was expecting comma to separate Object entries"
                + " (line 1, column 32)");
    assertThat(upstream.getRequestCount()).isZero();

    String lines = "[{\"sku\":\"a\",\"qty\":2,\"price\":9.90},{\"sku\":\"\\u00fc\",\"qty\":1e2}]";
    body(
        send(
            "POST",
            "/orders",
            Body.of("{ \"debug\" : true, \"lines\" : " + lines.replace(",", ", ") + " }"),
            "Content-Type: application/json"));
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getBody().utf8()).isEqualTo("{\"lines\":" + lines + "}");
  }

  @Test
  void aFunctionStepStillSeesTheWholeDocument() {
    start(
        ResponseTransform.builder("lift")
            .json(
                JsonTransform.builder()
                    .remove("/internal")
                    .apply(
                        doc -> {
                          ((ObjectNode) doc).set("first", doc.at("/deep/list/0/name"));
                          return doc;
                        })
                    .build())
            .build());
    upstream.enqueue(
        ok(
            "{\"internal\":1,\"deep\":{\"list\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}",
            "Content-Type: application/json"));

    assertThat(body(get("/x")))
        .isEqualTo("{\"deep\":{\"list\":[{\"name\":\"a\"},{\"name\":\"b\"}]},\"first\":\"a\"}");
  }

  private static String detail(Response response, int status) {
    return TestUpstreams.problem(response, status).path("detail").asText();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
