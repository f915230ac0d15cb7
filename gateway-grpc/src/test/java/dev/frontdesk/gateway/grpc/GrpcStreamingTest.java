package dev.frontdesk.gateway.grpc;

import static dev.frontdesk.gateway.grpc.GrpcTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.grpc.GrpcTestSupport.Answer;
import dev.frontdesk.gateway.grpc.testproto.ListUsersRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-streaming methods: a JSON array or NDJSON, written as the messages arrive. */
class GrpcStreamingTest {
  static UsersServer server;
  static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    server = new UsersServer();
    gateway = GrpcTestSupport.gateway(GrpcTestSupport.transcoder(server).build());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    server.close();
  }

  @BeforeEach
  void forgetEarlierCalls() {
    server.forget();
  }

  @Test
  void streamIsAJsonArrayByDefault() throws Exception {
    Answer answer = call(gateway, Request.of("GET", "/api/v1/users?count=3&prefix=u"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("application/json");
    assertThat(answer.body())
        .isEqualTo(
            "[{\"id\":\"1\",\"name\":\"u1\"},{\"id\":\"2\",\"name\":\"u2\"},{\"id\":\"3\",\"name\":\"u3\"}]");
    assertThat(server.takeRequest())
        .isEqualTo(ListUsersRequest.newBuilder().setCount(3).setPrefix("u").build());
  }

  @Test
  void emptyStreamIsAnEmptyArray() throws Exception {
    assertThat(call(gateway, Request.of("GET", "/api/v1/users?count=0")).body()).isEqualTo("[]");
  }

  @Test
  void ndjsonWhenTheClientAcceptsIt() throws Exception {
    Answer answer = call(gateway, ndjson("/api/v1/users?count=2&prefix=n"));

    assertThat(answer.contentType()).isEqualTo("application/x-ndjson");
    assertThat(answer.body())
        .isEqualTo("{\"id\":\"1\",\"name\":\"n1\"}\n{\"id\":\"2\",\"name\":\"n2\"}\n");
  }

  @Test
  void messagesReachTheClientBeforeTheStreamEnds() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    server.holdAfterFirst = hold;
    try (Response response = gateway.handle(ndjson("/api/v1/users?count=2&prefix=s"));
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(response.body().stream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine())
          .isEqualTo("{\"id\":\"1\",\"name\":\"s1\"}"); // while the server holds the second
      hold.countDown();
      assertThat(lines.readLine()).isEqualTo("{\"id\":\"2\",\"name\":\"s2\"}");
      assertThat(lines.readLine()).isNull();
    } finally {
      server.holdAfterFirst = null;
    }
  }

  @Test
  void failureBeforeTheFirstMessageKeepsItsStatus() throws Exception {
    Answer answer = call(gateway, Request.of("GET", "/api/v1/users?count=3&prefix=missing"));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.detail())
        .isEqualTo("frontdesk.test.Users/ListUsers answered NOT_FOUND: no users named missing*");
  }

  @Test
  void failureMidStreamCutsTheBodyOffInsteadOfEndingIt() throws Exception {
    try (Response response =
        gateway.handle(Request.of("GET", "/api/v1/users?count=3&fail_after=1"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThatThrownBy(() -> response.body().string())
          .hasRootCauseInstanceOf(io.grpc.StatusRuntimeException.class)
          .hasMessageContaining(
              "frontdesk.test.Users/ListUsers failed after its response began: ABORTED: stopped after 1");
    }
  }

  @Test
  void closingTheBodyCancelsTheCall() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    server.streamCancelled = cancelled;
    Response response =
        gateway.handle(ndjson("/api/v1/users?count=50&delay_ms=100")); // 5 s if not cancelled
    response.close();
    assertThat(cancelled.await(3, TimeUnit.SECONDS)).isTrue();
  }

  private static Request ndjson(String target) {
    return Request.builder()
        .method("GET")
        .target(target)
        .header("Accept", "application/x-ndjson")
        .build();
  }
}
