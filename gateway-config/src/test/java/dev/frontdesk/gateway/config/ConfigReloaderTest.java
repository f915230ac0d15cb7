package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload under traffic: the file changes several times, once to a broken file, while clients
 * keep sending; every request is answered by the old or the new configuration, never with an error.
 */
class ConfigReloaderTest {
  @TempDir Path dir;
  private final MockWebServer upstream = new MockWebServer();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private static String config(String version) {
    return """
        upstreams:
          echo:
            instances: ["${env:UPSTREAM}"]
        routes:
          - id: api
            path: /api/**
            use:
              - setRequestHeader: {name: X-Version, value: %s}
            upstream: echo
        """
        .formatted(version);
  }

  private GatewayConfig reader() {
    String url = upstream.url("/").toString();
    return GatewayConfig.builder()
        .environment(name -> name.equals("UPSTREAM") ? url : null)
        .build();
  }

  private void write(Path file, String content) throws IOException {
    Path next = dir.resolve("next.yaml");
    Files.writeString(next, content, StandardCharsets.UTF_8);
    Files.move(
        next,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void reloadsUnderTrafficLoseNoRequestAndABrokenFileChangesNothing() throws Exception {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .headersDelay(2, TimeUnit.MILLISECONDS)
                .body("served by " + request.getHeaders().get("X-Version"))
                .build();
          }
        });
    upstream.start();
    Path file = dir.resolve("gateway.yaml");
    write(file, config("v0"));
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    try (ConfigReloader reloader = ConfigReloader.start(reader(), file, Duration.ofMillis(20));
        LogCapture log = LogCapture.warnings(ConfigReloader.class)) {
      AtomicBoolean sending = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(6);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 6; c++) {
        running.add(
            clients.submit(
                () -> {
                  while (sending.get()) {
                    try (Response response =
                        reloader.holder().handle(Request.of("GET", "/api/x"))) {
                      answers
                          .computeIfAbsent(
                              response.status() + " " + response.body().string(),
                              k -> new AtomicInteger())
                          .incrementAndGet();
                    }
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      List<Gateway> replaced = new ArrayList<>();
      for (String version : List.of("v1", "v2", "broken", "v3", "v4")) {
        awaitMore(done, 50);
        Gateway before = reloader.holder().current();
        write(
            file,
            version.equals("broken")
                ? config("v2").replace("upstream: echo", "upstream: echoo")
                : config(version));
        if (version.equals("broken")) {
          awaitWarning(log); // the watcher read it, refused it, and said so
          assertThat(reloader.holder().current()).isSameAs(before);
        } else {
          awaitReload(reloader, before);
        }
        if (!version.equals("broken")) {
          replaced.add(before);
        }
      }
      awaitMore(done, 50);
      sending.set(false);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();

      assertThat(answers.keySet())
          .containsExactlyInAnyOrder(
              "200 served by v0",
              "200 served by v1",
              "200 served by v2",
              "200 served by v3",
              "200 served by v4");
      assertThat(answers.values().stream().mapToInt(AtomicInteger::get).sum())
          .isEqualTo(done.get())
          .isEqualTo(upstream.getRequestCount());
      assertThat(replaced).allSatisfy(old -> assertThat(old.isAcceptingRequests()).isFalse());
      assertThat(log.messages())
          .singleElement()
          .asString()
          .contains("has 1 problem(s); the running configuration stays")
          .contains(
              "gateway.yaml:9: routes[0].upstream: unknown upstream 'echoo' (declared: echo)");
    }
  }

  @Test
  void aBrokenFirstFileStartsNothing() throws IOException {
    upstream.start();
    Path file = dir.resolve("gateway.yaml");
    write(file, "routes: [{id: a, path: /a, to: not-a-url}]\n");
    assertThatThrownBy(() -> ConfigReloader.start(reader(), file, Duration.ofSeconds(1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.yaml:1: routes[0].to");
  }

  @Test
  void reloadOnDemandReturnsTheProblemsAndKeepsTheRunningGateway() throws IOException {
    upstream.start();
    Path file = dir.resolve("gateway.yaml");
    write(file, config("v0"));
    try (ConfigReloader reloader = ConfigReloader.start(reader(), file, Duration.ofHours(1))) {
      Gateway running = reloader.holder().current();
      write(file, "routes: 7\n");
      assertThat(reloader.reload()).isNotEmpty();
      assertThat(reloader.holder().current()).isSameAs(running);
      write(file, config("v9"));
      assertThat(reloader.reload()).isEmpty();
      assertThat(reloader.holder().current()).isNotSameAs(running);
      assertThat(running.isAcceptingRequests()).isFalse();
    }
  }

  private static String limited(String version, String limit) {
    return """
        upstreams:
          echo:
            instances: ["${env:UPSTREAM}"]
        rateLimits:
          limiters:
            fleet: {limit: "%s", key: global}
        routes:
          - id: api
            path: /api/**
            use:
              - rateLimit: fleet
              - setRequestHeader: {name: X-Version, value: %s}
            upstream: echo
        """
        .formatted(limit, version);
  }

  @Test
  void aRateLimitersBucketCarriesOverAReloadThatKeepsItsDefinition() throws Exception {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .body(String.valueOf(request.getHeaders().get("X-Version")))
                .build();
          }
        });
    upstream.start();
    Path file = dir.resolve("gateway.yaml");
    write(file, limited("v1", "3/1h"));
    try (ConfigReloader reloader = ConfigReloader.start(reader(), file, Duration.ofHours(1))) {
      assertThat(statusAndBody(reloader)).isEqualTo("200 v1");
      assertThat(statusAndBody(reloader)).isEqualTo("200 v1");

      write(file, limited("v2", "3/1h")); // the route changed, the limiter did not
      assertThat(reloader.reload()).isEmpty();
      assertThat(statusAndBody(reloader)).isEqualTo("200 v2");
      assertThat(statusAndBody(reloader)).startsWith("429 ");

      write(file, limited("v3", "5/1h")); // a new limit is a new bucket
      assertThat(reloader.reload()).isEmpty();
      assertThat(statusAndBody(reloader)).isEqualTo("200 v3");
    }
    assertThat(upstream.getRequestCount()).isEqualTo(4);
  }

  private static String statusAndBody(ConfigReloader reloader) throws IOException {
    try (Response response = reloader.holder().handle(Request.of("GET", "/api/x"))) {
      return response.status() + " " + response.body().string();
    }
  }

  private static void awaitMore(AtomicInteger done, int more) throws InterruptedException {
    int target = done.get() + more;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (done.get() < target && System.nanoTime() < end) {
      Thread.sleep(1);
    }
  }

  /** Waits until the watcher logged its refusal of a broken file (at most 10 s). */
  private static void awaitWarning(LogCapture log) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (log.messages().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
  }

  /** Waits until the watcher swapped the gateway (at most 10 s). */
  private static void awaitReload(ConfigReloader reloader, Gateway before)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reloader.holder().current() == before && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    assertThat(reloader.holder().current()).isNotSameAs(before);
  }
}
