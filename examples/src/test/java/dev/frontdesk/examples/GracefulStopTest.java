package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.frontdesk.gateway.Gateway;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a SIGTERM does to the embedded gateway (the shutdown hook's stop, called directly): the slow
 * requests in flight all complete, the listener stops taking connections, and no thread the gateway
 * started is left.
 */
class GracefulStopTest {
  private HttpServer upstream;
  private final CountDownLatch threeArrived = new CountDownLatch(3);

  @BeforeEach
  void startSlowUpstream() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    upstream.setExecutor(Executors.newCachedThreadPool());
    upstream.createContext(
        "/",
        exchange -> {
          threeArrived.countDown();
          try {
            Thread.sleep(1_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body =
              ("slow " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    upstream.start();
  }

  @AfterEach
  void stopUpstream() {
    upstream.stop(0);
  }

  /** A started container and how to stop it as the shutdown hook would. */
  private interface Host {
    int port();

    boolean stop(Duration grace) throws Exception;
  }

  private Host start(String container, Gateway gateway) throws Exception {
    if (container.equals("jetty")) {
      Server jetty = EmbedInJetty.start(gateway, "127.0.0.1", 0, 50);
      return new Host() {
        public int port() {
          return EmbedInJetty.port(jetty);
        }

        public boolean stop(Duration grace) throws Exception {
          return EmbedInJetty.stop(jetty, gateway, grace);
        }
      };
    }
    Tomcat tomcat = EmbedInTomcat.start(gateway, 0);
    return new Host() {
      public int port() {
        return EmbedInTomcat.port(tomcat);
      }

      public boolean stop(Duration grace) throws Exception {
        return EmbedInTomcat.stop(tomcat, gateway, grace);
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"jetty", "tomcat"})
  void aStopUnderLoadLetsEveryRequestInFlightFinish(String container) throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    Gateway gateway =
        Gateway.builder()
            .route(
                "slow",
                r ->
                    r.path("/slow/**")
                        .proxyTo("http://127.0.0.1:" + upstream.getAddress().getPort()))
            .build();
    Host host = start(container, gateway);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inFlight.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/slow/" + i))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(threeArrived.await(10, TimeUnit.SECONDS))
        .as("three requests reached the upstream")
        .isTrue();
    int port = host.port();

    assertThat(host.stop(Duration.ofSeconds(15))).isTrue();

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = inFlight.get(i).get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("slow /slow/" + i);
    }
    assertThat(gateway.isAcceptingRequests()).isFalse();
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/slow/late"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    assertThat(gatewayThreadsLeft(before)).isEmpty();
  }

  /** Threads the gateway started since {@code before} that are still alive after a short wait. */
  private static List<String> gatewayThreadsLeft(Set<Thread> before) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> alive;
    do {
      alive =
          Thread.getAllStackTraces().keySet().stream()
              .filter(
                  t -> t.isAlive() && !before.contains(t) && t.getName().startsWith("frontdesk-"))
              .map(Thread::getName)
              .toList();
      if (!alive.isEmpty()) {
        Thread.sleep(20);
      }
    } while (!alive.isEmpty() && System.nanoTime() < end);
    return alive;
  }
}
