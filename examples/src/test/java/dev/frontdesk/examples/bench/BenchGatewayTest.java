package dev.frontdesk.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.frontdesk.examples.EmbedInJetty;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The bench gateway forwards /api/** with the path and query the client sent, as run.sh expects.
 */
class BenchGatewayTest {
  @Test
  void forwardsApiPathsUnchangedToTheUpstream() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer upstream =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          seen.set(exchange.getRequestURI().toString());
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    Server gateway =
        BenchGateway.start(
            new String[] {
              "--port",
              "0",
              "--upstream",
              "http://127.0.0.1:" + upstream.getAddress().getPort(),
              "--threads",
              "16"
            });
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + EmbedInJetty.port(gateway) + "/api/small?x=1"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"ok\":true}");
      assertThat(response.headers().allValues("Server")).isEmpty();
      assertThat(seen.get()).isEqualTo("/api/small?x=1");
    } finally {
      gateway.stop();
      upstream.stop(0);
    }
  }

  @Test
  void respondsItselfWhenAskedToAndCallsNoUpstream() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer upstream =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          seen.set(exchange.getRequestURI().toString());
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    upstream.start();
    Server gateway =
        BenchGateway.start(
            new String[] {
              "--port",
              "0",
              "--upstream",
              "http://127.0.0.1:" + upstream.getAddress().getPort(),
              "--respond",
              "true"
            });
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + EmbedInJetty.port(gateway) + "/api/small"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body())
          .startsWith("{\"id\":12345,\"name\":\"benchmark-item\"")
          .hasSize(212);
      assertThat(seen.get()).isNull();
    } finally {
      gateway.stop();
      upstream.stop(0);
    }
  }

  @Test
  void rejectsAnOptionWithoutAValue() {
    assertThatThrownBy(() -> BenchGateway.options(new String[] {"--port"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected --name value pairs, got: --port");
  }
}
