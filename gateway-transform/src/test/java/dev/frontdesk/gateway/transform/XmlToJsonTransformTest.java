package dev.frontdesk.gateway.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The XML rules of docs/transform.md, each as the example the page shows, and the hardening. */
class XmlToJsonTransformTest extends TransformTestSupport {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      root name dropped, leaf text as string    | <user><id>007</id><name>Ann</name></user>          | {"id":"007","name":"Ann"}
      attributes with @                         | <user id="7"><name>Ann</name></user>               | {"@id":"7","name":"Ann"}
      repeated elements make an array           | <list><item>a</item><item>b</item><n>1</n></list>  | {"item":["a","b"],"n":"1"}
      text beside attributes is #text           | <price currency="EUR"> 9.50 </price>               | {"@currency":"EUR","#text":"9.50"}
      empty element is an empty string          | <a><b/><c></c></a>                                 | {"b":"","c":""}
      namespaces dropped                        | <p:a xmlns:p="urn:x" p:k="v"><p:b>1</p:b></p:a>    | {"@k":"v","b":"1"}
      comments and CDATA                        | <a><!-- no --><b><![CDATA[<x> & y]]></b></a>        | {"b":"<x> & y"}
      a text-only root is a string              | <count>5</count>                                   | "5"
      predefined entities are text              | <a><b>&lt;&amp;&gt;</b></a>                        | {"b":"<&>"}
      """)
  void xmlBecomesJsonByTheDocumentedRules(String rule, String xml, String json) {
    start(ResponseTransform.builder("xml").xmlToJson().build());
    upstream.enqueue(ok(xml, "Content-Type: application/xml; charset=utf-8"));

    Response response = get("/x");

    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(body(response)).isEqualTo(json);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      charset parameter, no declaration      | text/xml; charset=iso-8859-1          |
      quoted charset, declaration agrees     | application/xml; charset="ISO-8859-1" | <?xml version="1.0" encoding="ISO-8859-1"?>
      declaration only                       | application/xml                       | <?xml version="1.0" encoding="ISO-8859-1"?>
      """)
  void aLatin1BodyIsReadInTheCharsetItDeclares(String why, String type, String declaration) {
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    String xml = (declaration == null ? "" : declaration) + "<user><name>M\u00fcller</name></user>";
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", type)
            .body(new Buffer().write(xml.getBytes(StandardCharsets.ISO_8859_1)))
            .build());

    Response response = get("/x");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(new String(bytes(response), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"M\u00fcller\"}");
    assertThat(TestUpstreams.take(upstream).getUrl().encodedPath()).isEqualTo("/x");
  }

  @Test
  void alwaysArraysMakeAnArrayOfASingleElement() {
    start(ResponseTransform.builder("xml").xmlToJson("order").build());
    upstream.enqueue(ok("<orders><order id=\"1\"/></orders>", "Content-Type: text/xml"));

    assertThat(body(get("/x"))).isEqualTo("{\"order\":[{\"@id\":\"1\"}]}");
  }

  @Test
  void jsonStepsRunAfterTheConversion() {
    start(
        ResponseTransform.builder("xml")
            .xmlToJson()
            .json(JsonTransform.builder().rename("/@id", "id").remove("/secret").build())
            .build());
    upstream.enqueue(
        ok(
            "<user id=\"7\"><secret>s</secret><name>Ann</name></user>",
            "Content-Type: application/vnd.users+xml"));

    assertThat(body(get("/x"))).isEqualTo("{\"id\":\"7\",\"name\":\"Ann\"}");
  }

  @Test
  void billionLaughsIsRefusedAtOnceWith502() {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      xml.append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    xml.append("]>\n<lolz>&lol9;</lolz>");
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    upstream.enqueue(ok(xml.toString(), "Content-Type: application/xml"));

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThat(TestUpstreams.problem(get("/x"), 502).path("detail").asText())
              .isEqualTo(
                  "transform 'legacy': the upstream's body cannot be transformed: a DOCTYPE is not allowed");
        });
  }

  @Test
  void anExternalEntityIsNeverReadAndIsRefusedWith502(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + "<a><b>&xxe;</b></a>";
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    // With a charset the bytes take another way into the parser: the same refusal holds there.
    for (String type : new String[] {"application/xml", "application/xml; charset=utf-8"}) {
      upstream.enqueue(ok(xml, "Content-Type: " + type));

      Response response = get("/x");
      String body = body(response);
      assertThat(response.status()).isEqualTo(502);
      assertThat(body).doesNotContain("TOP-SECRET").contains("a DOCTYPE is not allowed");
    }
  }

  @Test
  void anUndeclaredEntityWithoutADoctypeIsMalformed() {
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    upstream.enqueue(ok("<a>&nope;</a>", "Content-Type: application/xml"));

    assertThat(TestUpstreams.problem(get("/x"), 502).path("detail").asText())
        .startsWith("transform 'legacy': the upstream's body cannot be transformed: ");
  }

  @Test
  void malformedXmlIsA502NamingTheTransform() {
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    upstream.enqueue(ok("<a><b></a>", "Content-Type: application/xml"));

    assertThat(TestUpstreams.problem(get("/x"), 502).path("detail").asText())
        .startsWith(
            "transform 'legacy': the upstream's body cannot be transformed: not well-formed XML: ");
  }

  @Test
  void aCharsetNoOneKnowsIsA502NotA500() {
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    upstream.enqueue(ok("<a>1</a>", "Content-Type: text/xml; charset=x-no-such-charset"));

    assertThat(TestUpstreams.problem(get("/x"), 502).path("detail").asText())
        .startsWith("transform 'legacy': the upstream's body cannot be transformed: ");
    assertThat(TestUpstreams.take(upstream).getUrl().encodedPath()).isEqualTo("/x");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      a second root element   | <a><b>1</b></a><c>2</c>
      text after the root     | <a><b>1</b></a>junk
      an unclosed tag after   | <a/><
      """)
  void whateverFollowsTheRootElementIsReadAndRefusedToo(String why, String xml) {
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    upstream.enqueue(ok(xml, "Content-Type: application/xml"));

    assertThat(TestUpstreams.problem(get("/x"), 502).path("detail").asText())
        .startsWith(
            "transform 'legacy': the upstream's body cannot be transformed: not well-formed XML: ");
    assertThat(TestUpstreams.take(upstream).getUrl().encodedPath()).isEqualTo("/x");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    start(ResponseTransform.builder("legacy").xmlToJson().build());
    upstream.enqueue(
        ok("<a>".repeat(100_000) + "</a>".repeat(100_000), "Content-Type: application/xml"));

    assertThat(TestUpstreams.problem(get("/x"), 502).path("detail").asText())
        .contains("transform 'legacy'");
  }

  @Test
  void jsonResponsesGetTheJsonStepsAndOtherTypesPass() {
    start(
        ResponseTransform.builder("xml")
            .xmlToJson()
            .json(JsonTransform.builder().remove("/x").build())
            .build());
    upstream.enqueue(ok("{\"x\":1,\"y\":2}", "Content-Type: application/json"));
    upstream.enqueue(ok("<a/>", "Content-Type: text/html"));

    assertThat(body(get("/json"))).isEqualTo("{\"y\":2}");
    assertThat(body(get("/html"))).isEqualTo("<a/>");
  }
}
