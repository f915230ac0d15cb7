package dev.frontdesk.gateway.config;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.transform.JsonTransform;
import dev.frontdesk.gateway.transform.OverLimit;
import dev.frontdesk.gateway.transform.RequestTransform;
import dev.frontdesk.gateway.transform.ResponseCompression;
import dev.frontdesk.gateway.transform.ResponseTransform;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code requestTransform}, {@code responseTransform} and {@code compression} answer as their
 * builder code.
 */
class TransformRoundTripConfigTest {
  private static final String CONFIG =
      """
      routes:
        - id: orders
          path: /orders
          use:
            - requestTransform:
                name: orders
                method: PUT
                addQuery: [{name: source, value: gateway}]
                setQuery: [{name: version, value: "2"}]
                removeQuery: [debug]
                renameQuery: [{from: q, to: query}]
                json:
                  - set: {pointer: /channel, value: web}
                  - setJson: {pointer: /flags, value: {priority: true}}
                  - add: {pointer: /tags/-, value: gateway}
                  - addJson: {pointer: /count, value: 1}
                  - template: {pointer: /env, value: "{header.X-Env}"}
                  - remove: /internal
                  - rename: {pointer: /qty, to: quantity}
                  - move: {from: /meta/id, to: /id}
                maxBodySize: 1KiB
                overLimit: refuse
          to: ${env:UPSTREAM}
        - id: legacy
          path: /legacy/**
          use:
            - requestTransform: {name: to-xml, jsonToXml: order}
          to: ${env:UPSTREAM}
        - id: replies
          path: /replies/**
          use:
            - compression: {minimumSize: 1KiB, level: 9}
            - responseTransform:
                name: replies
                xmlToJson: [item]
                json: [{rename: {pointer: /@id, to: id}}]
          to: ${env:UPSTREAM}
        - id: zipped
          path: /zipped/**
          use: [{compression: true}]
          to: ${env:UPSTREAM}
      """;

  // Each gateway gets its own upstream, which counts the requests it received.
  private final MockWebServer forConfig = SameAnswers.echo("orders");
  private final MockWebServer upstream = SameAnswers.echo("orders");
  private final Gateway fromConfig =
      SameAnswers.fromConfig(CONFIG, Map.of("UPSTREAM", baseUrl(forConfig)));
  private final Gateway fromCode = code();

  private Gateway code() {
    String to = baseUrl(upstream);
    RequestTransform orders =
        RequestTransform.builder("orders")
            .method("PUT")
            .addQuery("source", "gateway")
            .setQuery("version", "2")
            .removeQuery("debug")
            .renameQuery("q", "query")
            .json(
                JsonTransform.builder()
                    .set("/channel", "web")
                    .setJson("/flags", "{\"priority\":true}")
                    .add("/tags/-", "gateway")
                    .addJson("/count", "1")
                    .template("/env", "{header.X-Env}")
                    .remove("/internal")
                    .rename("/qty", "quantity")
                    .move("/meta/id", "/id")
                    .build())
            .maxBodySize(1024)
            .overLimit(OverLimit.REFUSE)
            .build();
    return Gateway.builder()
        .route("orders", r -> r.path("/orders").use(orders).proxyTo(to))
        .route(
            "legacy",
            r ->
                r.path("/legacy/**")
                    .use(RequestTransform.builder("to-xml").jsonToXml("order").build())
                    .proxyTo(to))
        .route(
            "replies",
            r ->
                r.path("/replies/**")
                    .use(
                        ResponseCompression.builder().minimumSize(1024).level(9).build(),
                        ResponseTransform.builder("replies")
                            .xmlToJson("item")
                            .json(JsonTransform.builder().rename("/@id", "id").build())
                            .build())
                    .proxyTo(to))
        .route("zipped", r -> r.path("/zipped/**").use(ResponseCompression.gzip()).proxyTo(to))
        .build();
  }

  @AfterEach
  void close() throws Exception {
    fromConfig.close();
    fromCode.close();
    upstream.close();
    forConfig.close();
  }

  @Test
  void transformedRoutesAnswerAsTheirBuilderCode() {
    String order = "{\"qty\":2,\"tags\":[],\"internal\":true,\"meta\":{\"id\":5}}";
    List<String> answers =
        SameAnswers.assertSameAnswers(
            fromCode,
            fromConfig,
            List.of(
                json("POST", "/orders?q=shoes&debug=1", order).header("X-Env", "prod").build(),
                json("POST", "/orders", order).build(), // no X-Env: the template refuses
                json("POST", "/orders", "not json").build(),
                json("POST", "/orders", "{\"big\":\"" + "y".repeat(2000) + "\"}")
                    .build(), // over 1 KiB: refused
                json("POST", "/legacy/orders", "{\"id\":7,\"items\":[\"a\",\"b\"]}").build(),
                Request.builder()
                    .method("GET")
                    .target("/replies/order.xml")
                    .header("Accept-Encoding", "gzip")
                    .build(),
                Request.builder()
                    .method("GET")
                    .target("/zipped/list")
                    .header("Accept-Encoding", "gzip")
                    .build(),
                Request.of("GET", "/zipped/list")));

    assertThat(answers.get(0))
        .contains("PUT /orders?query=shoes&source=gateway&version=2")
        .contains("\\\"quantity\\\":2")
        .contains("\\\"env\\\":\\\"prod\\\"")
        .doesNotContain("internal");
    assertThat(answers.get(3)).startsWith("413");
    assertThat(answers.get(4)).contains("<order>");
    assertThat(answers.get(6)).contains("gzip:");
  }

  private static Request.Builder json(String method, String target, String body) {
    return Request.builder()
        .method(method)
        .target(target)
        .header("Content-Type", "application/json")
        .body(Body.of(body));
  }
}
