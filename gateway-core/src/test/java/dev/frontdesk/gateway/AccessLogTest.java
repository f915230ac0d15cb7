package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.testing.LogCapture;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One structured line per request, with what operators need and none of what they must not see. */
class AccessLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MockWebServer upstream = TestUpstreams.started();
  private final LogCapture log = LogCapture.of(AccessLog.LOGGER);

  @AfterEach
  void stop() {
    log.close();
    upstream.close();
  }

  /** Sets an identity as authentication would. */
  private static final Middleware AUTHENTICATED =
      chain ->
          chain.proceed(
              chain
                  .request()
                  .newBuilder()
                  .attribute(
                      Attributes.IDENTITY,
                      Identity.builder("alice").consumerId("mobile-app").build())
                  .build());

  private Gateway gateway(AccessLog accessLog) {
    return Gateway.builder()
        .listener(accessLog)
        .route("users", r -> r.path("/api/**").use(AUTHENTICATED).proxyTo(baseUrl(upstream)))
        .build();
  }

  private JsonNode onlyLine() throws Exception {
    List<String> lines = log.messages();
    assertThat(lines).hasSize(1);
    return JSON.readTree(lines.get(0));
  }

  @Test
  void aProxiedRequestIsOneJsonLineWithItsFields() throws Exception {
    upstream.enqueue(text(200, "hello"));
    try (Gateway gateway = gateway(AccessLog.json());
        Response response =
            gateway.handle(
                Request.builder()
                    .method("POST")
                    .path("/api/users")
                    .query("page=2")
                    .remoteAddress("10.1.2.3")
                    .body(Body.of("{\"a\":1}"))
                    .build())) {
      assertThat(response.body().string()).isEqualTo("hello");
      assertThat(take(upstream).getBody().utf8()).isEqualTo("{\"a\":1}");
    }
    JsonNode line = onlyLine();
    assertThat(Instant.parse(line.get("time").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(line.get("requestId").asText()).hasSize(16);
    assertThat(line.get("client").asText()).isEqualTo("10.1.2.3");
    assertThat(line.get("method").asText()).isEqualTo("POST");
    assertThat(line.get("path").asText()).isEqualTo("/api/users");
    assertThat(line.get("query").asText()).isEqualTo("page=2");
    assertThat(line.get("route").asText()).isEqualTo("users");
    assertThat(line.get("status").asInt()).isEqualTo(200);
    assertThat(line.get("upstream").asText()).isEqualTo(baseUrl(upstream));
    assertThat(line.get("instance").asText()).isEqualTo(baseUrl(upstream));
    assertThat(line.get("attempts").asInt()).isEqualTo(1);
    assertThat(line.get("upstreamMs").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(line.get("totalMs").asDouble())
        .isGreaterThanOrEqualTo(line.get("upstreamMs").asDouble());
    assertThat(line.get("bytesIn").asLong()).isEqualTo(7);
    assertThat(line.get("bytesOut").asLong()).isEqualTo(5);
    assertThat(line.get("subject").asText()).isEqualTo("alice");
    assertThat(line.get("consumer").asText()).isEqualTo("mobile-app");
    assertThat(line.has("reason")).isFalse();
    assertThat(line.has("incomplete")).isFalse();
  }

  @Test
  void anAnswerTheGatewayMadeCarriesItsReason() throws Exception {
    Middleware limited =
        chain -> {
          throw GatewayException.tooManyRequests("rate limit 'per-user' exceeded");
        };
    try (Gateway gateway =
            Gateway.builder()
                .listener(AccessLog.json())
                .route("users", r -> r.path("/api/**").use(limited).proxyTo(baseUrl(upstream)))
                .build();
        Response response = gateway.handle(Request.of("GET", "/api/users"))) {
      assertThat(response.status()).isEqualTo(429);
      assertThat(response.body().string()).contains("exceeded");
    }
    JsonNode line = onlyLine();
    assertThat(line.get("status").asInt()).isEqualTo(429);
    assertThat(line.get("reason").asText()).isEqualTo("too_many_requests");
    assertThat(line.get("detail").asText()).isEqualTo("rate limit 'per-user' exceeded");
    assertThat(line.has("upstream")).isFalse();
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void credentialsCookiesSecretParametersAndBodiesNeverReachTheLog() throws Exception {
    upstream.enqueue(text(200, "response-body-secret"));
    try (Gateway gateway = gateway(AccessLog.json());
        Response response =
            gateway.handle(
                Request.builder()
                    .method("POST")
                    .path("/api/users")
                    .query("access_token=tok-123&api_key=key-456&Token=tok-789&page=1")
                    .header("Authorization", "Bearer jwt-abc")
                    .header("Cookie", "session=cookie-def")
                    .header("X-Api-Key", "header-key")
                    .body(Body.of("request-body-secret"))
                    .build())) {
      assertThat(response.body().string()).isEqualTo("response-body-secret");
    }
    assertThat(take(upstream).getTarget()).contains("access_token=tok-123"); // forwarded as sent
    String line = log.messages().get(0);
    for (String secret :
        List.of(
            "tok-123",
            "key-456",
            "tok-789",
            "jwt-abc",
            "cookie-def",
            "header-key",
            "request-body-secret",
            "response-body-secret")) {
      assertThat(line).doesNotContain(secret);
    }
    assertThat(JSON.readTree(line).get("query").asText())
        .isEqualTo("access_token=REDACTED&api_key=REDACTED&Token=REDACTED&page=1");
  }

  @Test
  void chosenSecretParametersReplaceTheDefaults() throws Exception {
    upstream.enqueue(text(200, "ok"));
    AccessLog accessLog = AccessLog.builder().secretParameters(Set.of("Signature")).build();
    try (Gateway gateway = gateway(accessLog);
        Response response = gateway.handle(Request.of("GET", "/api/x?signature=s1&token=t1"))) {
      assertThat(response.body().string()).isEqualTo("ok");
    }
    assertThat(onlyLine().get("query").asText()).isEqualTo("signature=REDACTED&token=t1");
  }

  @Test
  void keyValueLinesQuoteAndEscapeWhatWouldBreakThem() throws Exception {
    try (Gateway gateway = gateway(AccessLog.builder().format(AccessLog.Format.KEY_VALUE).build());
        Response response =
            gateway.handle(
                Request.builder()
                    .method("GET")
                    .path("/nowhere")
                    .remoteAddress("10.9.9.9")
                    .build())) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.body().string()).contains("no route");
    }
    String line = log.messages().get(0);
    assertThat(line)
        .matches(
            "time=\\S+ requestId=[0-9a-f]{16} client=10\\.9\\.9\\.9 method=GET path=/nowhere "
                + "route=\"\" status=404 totalMs=[0-9.]+ bytesIn=0 bytesOut=\\d+ reason=not_found "
                + "detail=\"no route matches GET /nowhere\"");
  }

  @Test
  void aPathWithControlCharactersStaysOnOneLine() throws Exception {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway(AccessLog.json());
        Response response = gateway.handle(Request.of("GET", "/api/a%0Ab"))) {
      response.body().string();
    }
    String line = log.messages().get(0);
    assertThat(line).doesNotContain("\n");
    assertThat(JSON.readTree(line).get("path").asText()).isEqualTo("/api/a%0Ab");
  }

  @Test
  void aBlankSecretParameterNameIsRefused() {
    assertThatThrownBy(() -> AccessLog.builder().secretParameters(Set.of(" ")).logger("").build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "accessLog: secret parameter names must not be blank",
                        "accessLog: logger name must not be blank"));
  }
}
