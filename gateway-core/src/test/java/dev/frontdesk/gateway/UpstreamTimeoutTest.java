package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow or unanswering upstreams: 504 within bounds, and timeouts set per route or per gateway. */
class UpstreamTimeoutTest {
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  void anUpstreamSlowerThanTheRoutesReadTimeoutIs504WithinBounds() {
    upstream.enqueue(
        new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("late").build());
    try (Gateway gateway =
        Gateway.builder()
            .route(
                "slow",
                r -> r.path("/**").readTimeout(Duration.ofMillis(300)).proxyTo(baseUrl(upstream)))
            .build()) {
      long start = System.nanoTime();
      JsonNode problem = problem(gateway.handle(Request.of("GET", "/slow")), 504);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(problem.path("title").asText()).isEqualTo("Gateway Timeout");
      assertThat(millis).isBetween(250L, 5_000L);
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/slow");
    assertThat(upstream.getRequestCount()).as("a timed-out request is not sent again").isEqualTo(1);
  }

  @Test
  void aRoutesReadTimeoutOverridesTheGatewayDefaultBothWays() {
    upstream.enqueue(
        new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS).body("patient").build());
    upstream.enqueue(
        new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS).body("impatient").build());
    try (Gateway gateway =
        Gateway.builder()
            .readTimeout(Duration.ofMillis(200))
            .route(
                "patient",
                r ->
                    r.path("/patient")
                        .readTimeout(Duration.ofSeconds(10))
                        .proxyTo(baseUrl(upstream)))
            .route("default", r -> r.path("/default").proxyTo(baseUrl(upstream)))
            .build()) {
      assertThat(gateway.handle(Request.of("GET", "/patient")).body().string())
          .isEqualTo("patient");
      problem(gateway.handle(Request.of("GET", "/default")), 504);
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/patient");
    assertThat(take(upstream).getTarget()).isEqualTo("/default");
  }

  @Test
  void aRoutesConnectTimeoutOverridesTheGatewayDefault() throws IOException {
    // A listening socket whose accept queue is full drops new SYNs: connecting hangs.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = fillAcceptQueue(full);
      try (Gateway gateway =
          Gateway.builder()
              .connectTimeout(Duration.ofSeconds(30))
              .route(
                  "r",
                  r ->
                      r.path("/**")
                          .connectTimeout(Duration.ofMillis(300))
                          .proxyTo("http://127.0.0.1:" + full.getLocalPort()))
              .build()) {
        long start = System.nanoTime();
        problem(gateway.handle(Request.of("GET", "/x")), 504);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
            .isBetween(250L, 10_000L);
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  private static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      try {
        s.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
        sockets.add(s);
      } catch (SocketTimeoutException e) {
        s.close();
        return sockets;
      }
    }
    throw new AssertionError("the accept queue never filled up");
  }
}
