package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the demo as DemoMain does (on a free port) and sends every printed curl line to it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  /** Every example target with the status and the JSON the client must get back. */
  private static final Map<String, Expected> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "/api/users",
              new Expected(200, "/users", "[*].name", "Ada Lovelace,Alan Turing,Grace Hopper")),
          Map.entry("/api/users/1", new Expected(200, "/users/1", "name", "Ada Lovelace")),
          Map.entry("/api/orders?user=1", new Expected(200, "/orders", "[*].id", "101,102")),
          Map.entry("/api/orders/101", new Expected(200, "/orders/101", "product", "11")),
          Map.entry("/api/products", new Expected(200, "/products", "[*].id", "11,12,13")),
          Map.entry(
              "/api/products/11", new Expected(200, "/products/11", "name", "Analytical Engine")),
          Map.entry(
              "/api/recommendations?segment=pro",
              new Expected(200, "/recommendations", "[*].id", "11,13")),
          Map.entry("/health", new Expected(200, null, "status", "UP")),
          Map.entry("/api/nothing-here", new Expected(404, null, "title", "Not Found")),
          Map.entry("/api/home?user=1", new Expected(200, null, "recommendations[*].id", "11,13")),
          Map.entry("/api/limited/products", new Expected(200, "/products", "[*].id", "11,12,13")),
          Map.entry(
              "/api/cached/products/11",
              new Expected(200, "/products/11", "name", "Analytical Engine")),
          Map.entry("/api/legacy/users/1", new Expected(200, null, "name", "Ada Lovelace")));

  static Demo demo;

  record Expected(int status, String upstreamPath, String field, String value) {}

  @BeforeAll
  static void startDemo() throws Exception {
    demo = Demo.start("127.0.0.1", 0, 0, 0);
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  static Stream<Arguments> examples() {
    return Demo.EXAMPLES.stream().map(Arguments::of);
  }

  @Test
  void everyPrintedExampleHasAnExpectation() {
    assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(Demo.EXAMPLES);
    assertThat(demo.curlLines())
        .hasSameSizeAs(Demo.EXAMPLES)
        .allSatisfy(line -> assertThat(line).startsWith("curl -i '" + demo.baseUri() + "/"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void eachCurlLineGetsItsAnswerThroughTheGateway(String target) throws Exception {
    Expected expected = EXPECTED.get(target);
    HttpResponse<String> response = get(target);

    assertThat(response.statusCode()).isEqualTo(expected.status());
    JsonNode body = JSON.readTree(response.body());
    JsonNode data = expected.upstreamPath() == null ? body : body.get("data");
    assertThat(values(data, expected.field())).isEqualTo(expected.value());
    if (expected.upstreamPath() != null) {
      JsonNode seen = body.get("seenByService");
      assertThat(seen.get("path").asText()).isEqualTo(expected.upstreamPath());
      assertThat(seen.get("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
      assertThat(seen.get("X-Request-Id").asText()).isNotBlank();
      assertThat(response.headers().firstValue("X-Served-By")).hasValue("frontdesk-demo");
    }
  }

  @Test
  void ordersRouteMiddlewareAddsAHeaderTheServiceReceives() throws Exception {
    JsonNode seen = JSON.readTree(get("/api/orders/101").body()).get("seenByService");
    assertThat(seen.get("X-Demo-Caller").asText()).isEqualTo("frontdesk-demo");
    JsonNode usersSeen = JSON.readTree(get("/api/users/1").body()).get("seenByService");
    assertThat(usersSeen.has("X-Demo-Caller")).isFalse();
  }

  @Test
  void unknownPathIsAProblemDocumentWithARequestId() throws Exception {
    HttpResponse<String> response = get("/api/nothing-here");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("requestId").asText())
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(problem.get("instance").asText()).isEqualTo("/api/nothing-here");
  }

  @Test
  void healthIsAnsweredByTheGatewayItselfWithoutAContainerServerHeader() throws Exception {
    HttpResponse<String> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("X-Served-By")).hasValue("frontdesk-demo");
    assertThat(response.headers().allValues("Server")).isEmpty();
  }

  @Test
  void theHttpsListenerServesHttp2WithTheCertificateMadeAtStart() throws Exception {
    assertThat(demo.httpsCurlLine())
        .isEqualTo("curl -k --http2 -i '" + demo.httpsBaseUri() + "/api/users/1'");
    okhttp3.OkHttpClient client =
        TlsEmbeddingTest.client(
            demo.certificate(), okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1);
    try (okhttp3.Response response =
        client
            .newCall(
                new okhttp3.Request.Builder().url(demo.httpsBaseUri() + "/api/users/1").build())
            .execute()) {
      assertThat(response.protocol()).isEqualTo(okhttp3.Protocol.HTTP_2);
      assertThat(response.code()).isEqualTo(200);
      JsonNode body = JSON.readTree(response.body().string());
      assertThat(body.at("/data/name").asText()).isEqualTo("Ada Lovelace");
      assertThat(body.at("/seenByService/X-Forwarded-Proto").asText()).isEqualTo("https");
    }
  }

  @Test
  void everyServiceGetsATraceparentAndEveryAnswerItsRequestId() throws Exception {
    HttpResponse<String> response = get("/api/users/1");
    JsonNode seen = JSON.readTree(response.body()).get("seenByService");
    assertThat(seen.get("traceparent").asText()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
    assertThat(response.headers().firstValue("X-Request-Id"))
        .hasValue(seen.get("X-Request-Id").asText());
  }

  @Test
  void theAdminEndpointsServeProbesOpenlyAndTheRestBehindTheAdminKey() throws Exception {
    assertThat(demo.adminCurlLines()).hasSize(3);
    get("/api/users/1");
    HttpResponse<String> ready = admin("/health/ready", null, "GET");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("UP");
    assertThat(admin("/upstreams", null, "GET").statusCode()).isEqualTo(401);

    HttpResponse<String> upstreams = admin("/upstreams", DemoOperations.ADMIN_KEY, "GET");
    assertThat(upstreams.statusCode()).isEqualTo(200);
    JsonNode products =
        JSON.readTree(upstreams.body()).findParents("name").stream()
            .filter(n -> n.get("name").asText().equals("products"))
            .findFirst()
            .orElseThrow();
    assertThat(products.get("instances")).hasSize(2);

    HttpResponse<String> metrics = admin("/metrics", DemoOperations.ADMIN_KEY, "GET");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("http_server_request_duration_seconds_count{")
        .contains("http_route=\"users\"");
    assertThat(admin("/routes", DemoOperations.ADMIN_KEY, "DELETE").statusCode()).isEqualTo(405);
  }

  private static HttpResponse<String> admin(String path, String key, String method)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(demo.adminUri() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("X-Api-Key", key);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCachedRouteAnswersTheSecondRequestFromTheCache() throws Exception {
    HttpResponse<String> first = get("/api/cached/products/12");
    HttpResponse<String> second = get("/api/cached/products/12");
    assertThat(first.headers().firstValue("Cache-Status").orElseThrow())
        .contains("fwd=uri-miss")
        .contains("stored");
    assertThat(second.headers().firstValue("Cache-Status").orElseThrow())
        .startsWith("frontdesk; hit");
    assertThat(second.headers().firstValue("Age")).isPresent();
    assertThat(second.body())
        .isEqualTo(first.body()); // the same bytes, the same instance named in them
  }

  /**
   * The printed websocat line's route: through Jetty and the gateway to the echo service and back.
   */
  @Test
  void theWebSocketRouteEchoesMessagesThroughTheGateway() throws Exception {
    assertThat(demo.webSocketLine()).isEqualTo("websocat " + demo.webSocketUri());
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              received.add(text.toString());
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            received.add("closed " + status + " " + reason);
            return null;
          }
        };
    WebSocket ws =
        CLIENT
            .newWebSocketBuilder()
            .buildAsync(demo.webSocketUri(), listener)
            .get(10, TimeUnit.SECONDS);

    ws.sendText("hello, frontdesk", true).get(10, TimeUnit.SECONDS);
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello, frontdesk");
    String large = "x".repeat(100_000);
    ws.sendText(large, true).get(10, TimeUnit.SECONDS);
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(large);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("closed 1000 bye");
  }

  @Test
  void theLegacyRouteTurnsTheServicesXmlIntoJson() throws Exception {
    HttpResponse<String> response = get("/api/legacy/users/7");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(JSON.readTree(response.body()).toString())
        .isEqualTo("{\"id\":\"7\",\"name\":\"Ada Lovelace\",\"order\":[\"101\",\"102\"]}");
  }

  @Test
  void theGrpcRouteTranscodesJsonToTheInProcessGrpcService() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(demo.baseUri() + "/grpc/demo.Greeter/Hello"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ada\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("message").asText())
        .isEqualTo("hello, ada (from gRPC)");
    HttpResponse<String> wrongType =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(demo.baseUri() + "/grpc/demo.Greeter/Hello"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":{}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongType.body()).get("detail").asText()).contains("name");
  }

  @Test
  void proxiedAnswerCarriesTheUpstreamDateOnce() throws Exception {
    HttpResponse<String> response = get("/api/users/1");
    assertThat(response.headers().allValues("Date")).hasSize(1);
  }

  static HttpResponse<String> get(String target) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.baseUri().getPort() + target))
            .timeout(Duration.ofSeconds(30))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code field} of {@code node}, or of each element ({@code [*].field}), comma-joined. */
  static String values(JsonNode node, String field) {
    int star = field.indexOf("[*].");
    if (star < 0) {
      return node.get(field).asText();
    }
    JsonNode list = star == 0 ? node : node.get(field.substring(0, star));
    String name = field.substring(star + 4);
    StringBuilder joined = new StringBuilder();
    list.forEach(
        element ->
            joined.append(joined.length() == 0 ? "" : ",").append(element.get(name).asText()));
    return joined.toString();
  }

  @Test
  void secureRouteNeedsTheDemoTokenAndTheServiceSeesTheGatewaysIdentityHeaders() throws Exception {
    HttpResponse<String> anonymous = get("/secure/users/1");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer realm=\"demo\"");
    assertThat(anonymous.headers().firstValue("X-Served-By")).hasValue("frontdesk-demo");
    String token =
        CLIENT
            .send(
                HttpRequest.newBuilder(URI.create(demo.baseUri() + "/demo/token"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    HttpResponse<String> authorized =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(demo.baseUri() + "/secure/users/1"))
                .header("Authorization", "Bearer " + token)
                .header("X-User-Id", "forged-admin")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(authorized.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(authorized.body());
    assertThat(body.at("/data/name").asText()).isEqualTo("Ada Lovelace");
    assertThat(body.at("/seenByService/path").asText()).isEqualTo("/users/1");
    assertThat(body.at("/seenByService/X-User-Id").asText()).isEqualTo("demo-user");
    assertThat(body.at("/seenByService/X-Scopes").asText()).isEqualTo("demo:read");
  }

  @Test
  void partnerRouteTakesAnApiKeyAndDoesNotPassTheKeyOn() throws Exception {
    assertThat(get("/partner/products/11").statusCode()).isEqualTo(401);
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(demo.baseUri() + "/partner/products/11"))
                .header("X-Api-Key", "demo-key-0123456789abcdef")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/data/name").asText()).isEqualTo("Analytical Engine");
    assertThat(body.at("/seenByService/X-Consumer-Id").asText()).isEqualTo("demo-partner");
  }

  @Test
  void productsAreServedByTwoInstancesInTurn() throws Exception {
    java.util.Set<String> instances = new java.util.TreeSet<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = get("/api/products/11");
      assertThat(response.statusCode()).isEqualTo(200);
      String header = response.headers().firstValue("X-Instance").orElseThrow();
      assertThat(JSON.readTree(response.body()).at("/seenByService/instance").asText())
          .isEqualTo(header);
      instances.add(header);
    }
    assertThat(instances).containsExactly("products-1", "products-2");
  }

  @Test
  void homeAggregatesProfileOrdersAndRecommendationsInOneAnswer() throws Exception {
    HttpResponse<String> response = get("/api/home?user=1");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/profile/name").asText()).isEqualTo("Ada Lovelace");
    assertThat(values(body, "orders[*].id")).isEqualTo("101,102");
    assertThat(values(body, "recommendations[*].id")).isEqualTo("11,13");
    assertThat(response.headers().firstValue("X-Aggregate-Partial")).hasValue("false");
  }

  @Test
  @Order(Integer.MAX_VALUE) // runs last: it spends this client's allowance on the limited route
  void limitedRouteAnswers429WithRetryAfterOnceFiveRequestsAreSpent() throws Exception {
    HttpResponse<String> first = get("/api/limited/products");
    assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"default\";q=5;w=10");
    assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
    HttpResponse<String> last = first;
    for (int i = 0; i < 6 && last.statusCode() != 429; i++) {
      last = get("/api/limited/products");
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
    assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(last.headers().firstValue("X-Served-By")).hasValue("frontdesk-demo");
  }
}
