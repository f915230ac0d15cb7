package dev.frontdesk.gateway.grpc;

import static dev.frontdesk.gateway.grpc.GrpcTestSupport.call;
import static dev.frontdesk.gateway.grpc.GrpcTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.grpc.GrpcTestSupport.Answer;
import dev.frontdesk.gateway.grpc.testproto.GetUserRequest;
import dev.frontdesk.gateway.grpc.testproto.PingRequest;
import dev.frontdesk.gateway.grpc.testproto.Role;
import dev.frontdesk.gateway.grpc.testproto.UpdateUserRequest;
import dev.frontdesk.gateway.grpc.testproto.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JSON in, message out and back: what the client sends, what the service receives, what comes back.
 */
class GrpcTranscodingTest {
  static UsersServer server;
  static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    server = new UsersServer();
    gateway = GrpcTestSupport.gateway(GrpcTestSupport.transcoder(server).build());
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    server.close();
  }

  @BeforeEach
  void forgetEarlierCalls() {
    server.forget();
  }

  @Test
  void annotatedGetTakesThePathVariableAndQueryParameters() throws Exception {
    Answer answer =
        call(
            gateway,
            Request.of("GET", "/api/v1/users/7?verbose=true&fields=a&fields=b&role=ADMIN"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("application/json");
    assertThat(answer.body())
        .isEqualTo(
            "{\"id\":\"7\",\"name\":\"users-7\",\"email\":\"u7@example.com\",\"role\":\"ADMIN\",\"tags\":[\"a\",\"b\"]}");
    assertThat(server.takeRequest())
        .isEqualTo(
            GetUserRequest.newBuilder()
                .setId(7)
                .setVerbose(true)
                .addFields("a")
                .addFields("b")
                .setRole(Role.ADMIN)
                .build());
  }

  @Test
  void queryParametersMayUseJsonNamesAndPercentEncoding() throws Exception {
    Answer answer = call(gateway, Request.of("GET", "/api/v1/users/8?fields=caf%C3%A9&fields=a+b"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(((GetUserRequest) server.takeRequest()).getFieldsList())
        .containsExactly("café", "a b");
  }

  @Test
  void postWithBodyStarSendsTheWholeBodyAsTheMessage() throws Exception {
    Answer answer =
        call(
            gateway,
            json(
                "POST",
                "/api/v1/users",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"MEMBER\",\"tags\":[\"x\"],\"address\":{\"city\":\"London\"}}"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("id").getAsString()).isEqualTo("42");
    assertThat(answer.json().getAsJsonObject("address").get("city").getAsString())
        .isEqualTo("London");
    User received = (User) server.takeRequest();
    assertThat(received.getName()).isEqualTo("Ada");
    assertThat(received.getRole()).isEqualTo(Role.MEMBER);
    assertThat(received.getAddress().getCity()).isEqualTo("London");
  }

  @Test
  void bodyFieldAndNestedPathVariableFillOneMessage() throws Exception {
    Answer answer =
        call(gateway, json("PATCH", "/api/v1/users/5?reason=typo", "{\"name\":\"Grace\"}"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(server.takeRequest())
        .isEqualTo(
            UpdateUserRequest.newBuilder()
                .setUser(User.newBuilder().setId(5).setName("Grace"))
                .setReason("typo")
                .build());
  }

  @Test
  void additionalBindingsAreRoutesToo() throws Exception {
    Answer answer = call(gateway, json("PUT", "/api/v1/people/6", "{\"name\":\"Linus\"}"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(((UpdateUserRequest) server.takeRequest()).getUser().getId()).isEqualTo(6);
  }

  @Test
  void methodWithoutAnnotationsIsPostToItsFullName() throws Exception {
    Answer answer =
        call(gateway, json("POST", "/api/frontdesk.test.Users/Ping", "{\"text\":\"hi\"}"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"text\":\"pong: hi\"}");
    assertThat(server.takeRequest()).isEqualTo(PingRequest.newBuilder().setText("hi").build());
  }

  @Test
  void emptyBodyIsTheDefaultMessage() throws Exception {
    Answer answer = call(gateway, Request.of("POST", "/api/frontdesk.test.Users/Ping"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(server.takeRequest()).isEqualTo(PingRequest.getDefaultInstance());
  }

  @Test
  void clientStreamingMethodsGetNoRoute() throws Exception {
    assertThat(call(gateway, Request.of("POST", "/api/frontdesk.test.Users/Upload")).status())
        .isEqualTo(404);
    try (GrpcTranscoder transcoder = GrpcTestSupport.transcoder(server).build()) {
      assertThat(transcoder.bindings())
          .contains(
              "GET /v1/users/{id} -> frontdesk.test.Users/GetUser",
              "PATCH /v1/users/{user_id} -> frontdesk.test.Users/UpdateUser",
              "PUT /v1/people/{user_id} -> frontdesk.test.Users/UpdateUser",
              "POST /frontdesk.test.Users/Ping -> frontdesk.test.Users/Ping")
          .noneMatch(b -> b.contains("Upload"));
    }
  }

  @Test
  void wrongMethodOnABoundPathIs405() throws Exception {
    assertThat(call(gateway, Request.of("DELETE", "/api/v1/users/7")).status()).isEqualTo(405);
  }
}
