package dev.frontdesk.gateway.transform;

import static dev.frontdesk.gateway.testing.ConfigProblems.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTransformTest extends TransformTestSupport {
  static final JsonTransform STAMP =
      JsonTransform.builder()
          .remove("/debug")
          .rename("/qty", "quantity")
          .template("/customer", "{identity.sub}")
          .build();

  static Body streamed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Body.of(new ByteArrayInputStream(bytes), -1);
  }

  @Test
  void aJsonBodyIsChangedAndSentWithItsNewLength() {
    start(RequestTransform.builder("stamp").json(STAMP).build());
    upstream.enqueue(ok("done"));

    Response response =
        send(
            "POST",
            "/orders",
            streamed("{\"sku\":\"a\",\"qty\":2,\"debug\":true}"),
            "Content-Type: application/json",
            "X-Test-User: yes");

    assertThat(body(response)).isEqualTo("done");
    RecordedRequest seen = TestUpstreams.take(upstream);
    String expected = "{\"sku\":\"a\",\"quantity\":2,\"customer\":\"alice\"}";
    assertThat(seen.getBody().utf8()).isEqualTo(expected);
    assertThat(seen.getHeaders().get("Content-Length"))
        .isEqualTo(String.valueOf(expected.length()));
    assertThat(seen.getHeaders().get("Transfer-Encoding")).isNull();
  }

  @Test
  void malformedJsonFromTheClientIsA400AndNothingGoesUpstream() {
    start(RequestTransform.builder("stamp").json(STAMP).build());

    Response response =
        send(
            "POST",
            "/orders",
            Body.of("{\"sku\":"),
            "Content-Type: application/json",
            "X-Test-User: yes");

    assertThat(TestUpstreams.problem(response, 400).path("detail").asText())
        .startsWith("transform 'stamp': the request's body cannot be transformed: not JSON: ");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aBodyOverTheLimitIs413WhenSoConfiguredAndStreamsOnOtherwise() {
    String big = "{\"debug\":\"" + "x".repeat(5000) + "\"}";
    start(
        RequestTransform.builder("small")
            .maxBodySize(1000)
            .overLimit(OverLimit.REFUSE)
            .json(STAMP)
            .build());
    assertThat(
            TestUpstreams.problem(
                    send("POST", "/o", streamed(big), "Content-Type: application/json"), 413)
                .path("detail")
                .asText())
        .isEqualTo(
            "transform 'small': the request's body is over the transform's limit of 1000 bytes");
    assertThat(upstream.getRequestCount()).isZero();
    gateway.close();

    start(RequestTransform.builder("small").maxBodySize(1000).json(STAMP).build());
    upstream.enqueue(ok("ok"));
    assertThat(body(send("POST", "/o", streamed(big), "Content-Type: application/json")))
        .isEqualTo("ok");
    assertThat(TestUpstreams.take(upstream).getBody().utf8()).isEqualTo(big);
  }

  @Test
  void nonJsonBodiesStreamOnUntouched() {
    start(RequestTransform.builder("stamp").json(STAMP).build());
    upstream.enqueue(ok("ok"));

    body(
        send("POST", "/o", streamed("debug=1"), "Content-Type: application/x-www-form-urlencoded"));

    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getBody().utf8()).isEqualTo("debug=1");
    assertThat(seen.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
  }

  @Test
  void aChunkedBodyThatTurnsOutEmptyGoesUpstreamEmpty() {
    start(RequestTransform.builder("stamp").json(STAMP).build());
    upstream.enqueue(ok("ok"));

    Response response = send("POST", "/o", streamed(""), "Content-Type: application/json");

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response)).isEqualTo("ok");
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getBody().size()).isZero();
    assertThat(seen.getHeaders().get("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void queryStepsAndMethodNeedNoBodyAndLeaveItStreaming() {
    RequestTransform rewrite =
        RequestTransform.builder("legacy")
            .method("PUT")
            .addQuery("tag", "a b&c")
            .setQuery("v", "2")
            .removeQuery("debug")
            .renameQuery("q", "search")
            .build();
    assertThat(rewrite.buffersBody()).isFalse();
    start(rewrite);
    upstream.enqueue(ok("ok"));

    body(
        send(
            "POST",
            "/o?q=x%20y&v=1&debug=1&v=3&keep=%7E",
            streamed("raw bytes"),
            "Content-Type: application/json"));

    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getMethod()).isEqualTo("PUT");
    assertThat(seen.getTarget()).isEqualTo("/o?search=x%20y&v=2&keep=%7E&tag=a%20b%26c");
    assertThat(seen.getBody().utf8()).isEqualTo("raw bytes");
    assertThat(seen.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
  }

  @Test
  void jsonIsSentOnAsXmlWhenConfigured() {
    start(
        RequestTransform.builder("to-xml")
            .json(JsonTransform.builder().rename("/id", "@id").build())
            .jsonToXml("order")
            .build());
    upstream.enqueue(ok("ok"));

    body(
        send(
            "POST",
            "/o",
            Body.of(
                "{\"id\":7,\"line\":[{\"sku\":\"a\"},{\"sku\":\"b\"}],\"note\":null,"
                    + "\"price\":{\"@currency\":\"EUR\",\"#text\":9.5}}"),
            "Content-Type: application/json"));

    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getHeaders().get("Content-Type")).isEqualTo("application/xml");
    assertThat(seen.getBody().utf8())
        .isEqualTo(
            "<?xml version='1.0' encoding='UTF-8'?><order id=\"7\">"
                + "<line><sku>a</sku></line><line><sku>b</sku></line><note/><price currency=\"EUR\">9.5</price></order>");
  }

  @Test
  void aMemberThatCannotBeAnXmlNameIsA400() {
    start(RequestTransform.builder("to-xml").jsonToXml("order").build());

    assertThat(
            TestUpstreams.problem(
                    send("POST", "/o", Body.of("{\"a b\":1}"), "Content-Type: application/json"),
                    400)
                .path("detail")
                .asText())
        .isEqualTo(
            "transform 'to-xml': the request's body cannot be transformed:"
                + " the member name 'a b' cannot be an XML name");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      default namespace declaration | {"@xmlns":"urn:evil","a":1}       | '@xmlns'
      prefixed namespace            | {"p":{"@xmlns:evil":"urn:evil"}}  | '@xmlns:evil'
      xml attribute, any case       | {"@XmLid":"1"}                    | '@XmLid'
      xml element, any case         | {"XMLdata":{"x":1}}               | 'XMLdata'
      """)
  void aMemberNameReservedByXmlIsA400AndNothingGoesUpstream(
      String why, String json, String member) {
    start(RequestTransform.builder("to-xml").jsonToXml("order").build());
    upstream.enqueue(ok("ok"));

    Response response = send("POST", "/o", Body.of(json), "Content-Type: application/json");

    assertThat(TestUpstreams.problem(response, 400).path("detail").asText())
        .isEqualTo(
            "transform 'to-xml': the request's body cannot be transformed: the member name "
                + member
                + " cannot be an XML name"
                + (member.contains(":") ? "" : ": names beginning with 'xml' are reserved"));
    assertThat(upstream.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      control character in text      | {"note":"a\\u0001b"}           | the value of 'note' holds U+0001, which XML 1.0 cannot carry
      NUL in an attribute            | {"@id":"\\u0000"}              | the value of '@id' holds U+0000, which XML 1.0 cannot carry
      lone surrogate in #text        | {"p":{"#text":"\\ud800"}}      | the value of '#text' holds U+D800, which XML 1.0 cannot carry
      """)
  void aValueThatXmlCannotCarryIsA400AndNothingGoesUpstream(
      String why, String json, String detail) {
    start(RequestTransform.builder("to-xml").jsonToXml("order").build());

    Response response = send("POST", "/o", Body.of(json), "Content-Type: application/json");

    assertThat(TestUpstreams.problem(response, 400).path("detail").asText())
        .isEqualTo("transform 'to-xml': the request's body cannot be transformed: " + detail);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aGzipRequestBodyIsDecodedTransformedAndEncodedAgain() {
    start(RequestTransform.builder("stamp").json(STAMP).build());
    upstream.enqueue(ok("ok"));

    body(
        send(
            "POST",
            "/o",
            Body.of(gzip("{\"qty\":1}")),
            "Content-Type: application/json",
            "Content-Encoding: gzip",
            "X-Test-User: yes"));

    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getHeaders().get("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(seen.getBody().toByteArray()))
        .isEqualTo("{\"quantity\":1,\"customer\":\"alice\"}");
  }

  @Test
  void aTransformThatChangesNothingIsRefusedAtBuild() {
    assertThat(thrownBy(() -> RequestTransform.builder("idle").build()))
        .containsExactly(
            "transform 'idle': changes nothing: give it a method, a query step, json(...) or jsonToXml(...)");
    assertThat(RequestTransform.builder("x").jsonToXml("1bad").problems())
        .containsExactly(
            "transform 'x': jsonToXml must be an XML name ([A-Za-z_][A-Za-z0-9._-]*): '1bad'");
    assertThat(RequestTransform.builder("x").jsonToXml("XmlOrder").problems())
        .containsExactly(
            "transform 'x': jsonToXml must not begin with 'xml', reserved in XML: 'XmlOrder'");
    assertThat(JsonTransform.builder().remove("no-slash").problems())
        .containsExactly(
            "JsonTransform: remove: 'no-slash' is not a JSON Pointer (it must be empty or start with '/')");
    assertThat(JsonTransform.builder().template("/a", "{nope.x}").problems())
        .singleElement()
        .asString()
        .startsWith("JsonTransform: ")
        .contains("reference {nope.x} must be");
    assertThat(JsonTransform.builder().move("/a", "/a/b").problems())
        .containsExactly("JsonTransform: move: '/a/b' is inside '/a'");
    assertThatThrownBy(() -> JsonTransform.builder().set("/a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }

  @Test
  void everyMistakeOfATransformIsListedByOneBuild() {
    RequestTransform.Builder request =
        RequestTransform.builder("legacy")
            .method("GET POST")
            .addQuery("", "x")
            .renameQuery("a", "")
            .jsonToXml("1bad")
            .maxBodySize(0)
            .setQuery("kept", "yes");

    assertThat(thrownBy(request::build))
        .containsExactly(
            "transform 'legacy': method must be a non-empty token: 'GET POST'",
            "transform 'legacy': query parameter name must not be empty",
            "transform 'legacy': query parameter name must not be empty",
            "transform 'legacy': jsonToXml must be an XML name ([A-Za-z_][A-Za-z0-9._-]*): '1bad'",
            "transform 'legacy': maxBodySize must be 1..2147483639: 0");

    JsonTransform.Builder json =
        JsonTransform.builder()
            .set("customerId", "x")
            .setJson("/n", "{not json")
            .rename("", "b")
            .remove("/kept");
    assertThat(thrownBy(json::build))
        .containsExactly(
            "JsonTransform: set: 'customerId' is not a JSON Pointer (it must be empty or start with '/')",
            "JsonTransform: setJson: not JSON: Unexpected character ('n' (code 110)): was expecting"
                + " double-quote to start field name",
            "JsonTransform: rename: needs a member's pointer and a non-empty new name");

    ResponseTransform.Builder response =
        ResponseTransform.builder("out").maxBodySize(-1).maxBodySize(Integer.MAX_VALUE);
    assertThat(thrownBy(response::build))
        .containsExactly(
            "transform 'out': maxBodySize must be 1..2147483639: -1",
            "transform 'out': maxBodySize must be 1..2147483639: 2147483647");
    assertThat(thrownBy(() -> ResponseTransform.builder("quiet").build()))
        .containsExactly("transform 'quiet': changes nothing: give it json(...) or xmlToJson(...)");

    ResponseCompression.Builder compression =
        ResponseCompression.builder().minimumSize(-1).mediaTypes("text").mediaTypes().level(0);
    assertThat(thrownBy(compression::build))
        .containsExactly(
            "ResponseCompression: minimumSize must not be negative: -1",
            "ResponseCompression: media type must be type/subtype, type/* or type/*+suffix: 'text'",
            "ResponseCompression: mediaTypes must name at least one type",
            "ResponseCompression: level must be 1..9: 0");
  }
}
