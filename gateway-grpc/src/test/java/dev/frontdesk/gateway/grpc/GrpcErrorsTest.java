package dev.frontdesk.gateway.grpc;

import static dev.frontdesk.gateway.grpc.GrpcTestSupport.call;
import static dev.frontdesk.gateway.grpc.GrpcTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.grpc.GrpcTestSupport.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gRPC statuses as problem+json, deadlines, and requests that do not fit the message. */
class GrpcErrorsTest {
  static UsersServer server;
  static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    server = new UsersServer();
    gateway =
        GrpcTestSupport.gateway(
            GrpcTestSupport.transcoder(server).timeout(Duration.ofSeconds(2)).build());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    server.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "INVALID_ARGUMENT,    400",
    "FAILED_PRECONDITION, 400",
    "OUT_OF_RANGE,        400",
    "UNAUTHENTICATED,     401",
    "PERMISSION_DENIED,   403",
    "NOT_FOUND,           404",
    "ALREADY_EXISTS,      409",
    "ABORTED,             409",
    "RESOURCE_EXHAUSTED,  429",
    "UNIMPLEMENTED,       501",
    "UNAVAILABLE,         503",
    "DEADLINE_EXCEEDED,   504",
    "CANCELLED,           502",
    "UNKNOWN,             502",
    "INTERNAL,            502",
    "DATA_LOSS,           502",
  })
  void grpcStatusBecomesHttpStatusWithTheMessageAsDetail(String code, int http) throws Exception {
    Answer answer = call(gateway, Request.of("GET", "/api/v1/fail/" + code + "?message=why+not"));

    assertThat(answer.status()).isEqualTo(http);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("status").getAsInt()).isEqualTo(http);
    assertThat(answer.detail())
        .isEqualTo("frontdesk.test.Users/Fail answered " + code + ": why not");
  }

  @Test
  void callPastTheTimeoutIs504() throws Exception {
    try (GrpcTranscoder quick =
        GrpcTestSupport.transcoder(server).timeout(Duration.ofMillis(200)).build()) {
      Gateway g = GrpcTestSupport.gateway(quick);
      long start = System.nanoTime();
      Answer answer = call(g, Request.of("GET", "/api/v1/fail/OK?delay_ms=1500"));

      assertThat(answer.status()).isEqualTo(504);
      assertThat(answer.detail())
          .startsWith("frontdesk.test.Users/Fail answered DEADLINE_EXCEEDED");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
    }
  }

  @Test
  void aShorterDeadlineFromTheRouteMiddlewareWins() throws Exception {
    Gateway g =
        Gateway.builder()
            .group(
                "/api",
                group ->
                    group
                        .use(
                            chain ->
                                chain
                                    .withCallOptions(
                                        CallOptions.builder()
                                            .deadline(Duration.ofMillis(150))
                                            .build())
                                    .proceed(chain.request()))
                        .group("/x", GrpcTestSupport.transcoder(server).build().routes()))
            .build();
    try (g) {
      assertThat(call(g, Request.of("GET", "/api/x/v1/fail/OK?delayMs=1000")).status())
          .isEqualTo(504);
      assertThat(call(g, Request.of("GET", "/api/x/v1/fail/OK")).status()).isEqualTo(200);
    }
  }

  @Test
  void unreachableServiceIs503() throws Exception {
    try (GrpcTranscoder nowhere =
        GrpcTranscoder.builder()
            .descriptorSetResource(GrpcTestSupport.DESCRIPTORS)
            .target("127.0.0.1:1")
            .plaintext()
            .build()) {
      Answer answer = call(GrpcTestSupport.gateway(nowhere), Request.of("GET", "/api/v1/users/1"));

      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.detail()).startsWith("frontdesk.test.Users/GetUser answered UNAVAILABLE");
    }
  }

  @Test
  void malformedJsonIs400() throws Exception {
    int before = server.requestCount();
    Answer answer = call(gateway, json("POST", "/api/v1/users", "{\"name\": \"Ada\""));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.detail())
        .startsWith("request body is not valid JSON: ")
        .contains("line 1 column");
    assertThat(server.requestCount()).isEqualTo(before);
  }

  @Test
  void trailingGarbageAfterTheJsonIs400() throws Exception {
    assertThat(call(gateway, json("POST", "/api/v1/users", "{} {}")).status()).isEqualTo(400);
  }

  @Test
  void bodyThatIsNotAnObjectIs400() throws Exception {
    Answer answer = call(gateway, json("POST", "/api/v1/users", "[1]"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.detail())
        .isEqualTo("request body must be a JSON object (frontdesk.test.User)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\": \"abc\"}                   | field 'id': Not an int64 value: \"abc\"",
        "{\"role\": \"BOSS\"}                | field 'role': Invalid enum value: \"BOSS\" for enum type: frontdesk.test.Role",
        "{\"tags\": \"x\"}                   | field 'tags': Expected an array for tags but found \"x\"",
        "{\"address\": {\"city\": {}}}      | field 'address.city': Invalid value: {} for expected type: STRING",
        "{\"address\": {\"zip\": 1}}         | unknown field 'address.zip' (not in frontdesk.test.Address)",
        "{\"nickname\": \"x\"}               | unknown field 'nickname' (not in frontdesk.test.User)",
      })
  void fieldOfTheWrongTypeIs400NamingTheField(String body, String detail) throws Exception {
    Answer answer = call(gateway, json("POST", "/api/v1/users", body));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.detail()).isEqualTo(detail);
  }

  @Test
  void pathVariableOfTheWrongTypeIs400NamingTheField() throws Exception {
    Answer answer = call(gateway, Request.of("GET", "/api/v1/users/abc"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.detail()).isEqualTo("field 'id': Not an int64 value: \"abc\"");
  }

  @Test
  void unknownQueryParameterIs400NamingIt() throws Exception {
    Answer answer = call(gateway, Request.of("GET", "/api/v1/users/1?colour=red"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.detail())
        .isEqualTo("query parameter 'colour' is not a field of frontdesk.test.GetUserRequest");
  }

  @Test
  void queryParameterOfTheWrongTypeIs400NamingIt() throws Exception {
    Answer answer = call(gateway, Request.of("GET", "/api/v1/users/1?verbose=perhaps"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.detail()).isEqualTo("field 'verbose': Invalid bool value: \"perhaps\"");
  }

  @Test
  void bodyOverTheMessageLimitIs413() throws Exception {
    try (GrpcTranscoder small = GrpcTestSupport.transcoder(server).maxMessageSize(64).build()) {
      Answer answer =
          call(
              GrpcTestSupport.gateway(small),
              json("POST", "/api/v1/users", "{\"name\":\"" + "x".repeat(100) + "\"}"));

      assertThat(answer.status()).isEqualTo(413);
    }
  }
}
