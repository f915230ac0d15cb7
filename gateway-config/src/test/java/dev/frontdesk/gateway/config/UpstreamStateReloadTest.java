package dev.frontdesk.gateway.config;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.UpstreamStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream whose definition reads the same after a reload keeps its health, ejection and circuit
 * state: what the old gateway had taken out stays out (no request reaches it) until the new
 * gateway's own checks or clock let it back; a changed upstream starts afresh.
 */
class UpstreamStateReloadTest {
  @TempDir Path dir;
  private final MockWebServer good = server("good", 200);
  private final MockWebServer bad = server("bad", 503);

  @AfterEach
  void stop() throws IOException {
    good.close();
    bad.close();
  }

  private static MockWebServer server(String name, int status) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(status).body(name).build();
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  private String config(String version, String upstreamSettings) {
    return """
        upstreams:
          svc:
            instances: ["%s", "%s"]
            retry: none
        %s
        routes:
          - id: api
            path: /api/**
            use: [{setRequestHeader: {name: X-Version, value: %s}}]
            upstream: svc
        """
        .formatted(
            baseUrl(good), baseUrl(bad), upstreamSettings.indent(4).stripTrailing(), version);
  }

  private ConfigReloader start(String content) throws IOException {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), content);
    return ConfigReloader.start(
        GatewayConfig.builder().environment(Map.<String, String>of()::get).build(),
        file,
        Duration.ofHours(1));
  }

  private void reload(ConfigReloader reloader, String content) throws IOException {
    Files.writeString(dir.resolve("gateway.yaml"), content);
    assertThat(reloader.reload()).isEmpty();
  }

  private static String get(ConfigReloader reloader) {
    try (Response response = reloader.holder().handle(Request.of("GET", "/api/x"))) {
      return response.status() + " " + response.body().string();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private UpstreamStatus.InstanceStatus badStatus(ConfigReloader reloader) {
    return reloader.holder().current().upstreams().get(0).instances().stream()
        .filter(i -> i.url().startsWith(baseUrl(bad)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anInstanceMarkedDownStaysDownAfterAReloadThatKeepsItsUpstream() throws Exception {
    String health =
        "healthCheck: {path: /health, interval: 100ms, unhealthyThreshold: 1, healthyThreshold: 3}";
    try (ConfigReloader reloader = start(config("v1", health))) {
      awaitTrue(() -> !badStatus(reloader).healthy());

      reload(reloader, config("v2", health));

      assertThat(badStatus(reloader).healthy()).isFalse();
      for (int i = 0; i < 10; i++) {
        assertThat(get(reloader)).isEqualTo("200 good");
      }
    }
  }

  @Test
  void anEjectedInstanceStaysEjectedAndAChangedUpstreamStartsAfresh() throws Exception {
    String ejecting =
        "outlierDetection: {consecutiveFailures: 1, baseEjection: 1h, maxEjection: 1h}";
    try (ConfigReloader reloader = start(config("v1", ejecting))) {
      String first = get(reloader) + get(reloader);
      assertThat(first).contains("503 bad");
      assertThat(badStatus(reloader).ejected()).isTrue();
      int seen = bad.getRequestCount();

      reload(reloader, config("v2", ejecting));
      assertThat(badStatus(reloader).ejected()).isTrue();
      for (int i = 0; i < 10; i++) {
        assertThat(get(reloader)).isEqualTo("200 good");
      }
      assertThat(bad.getRequestCount()).isEqualTo(seen);

      reload(
          reloader,
          config(
              "v3",
              "outlierDetection: {consecutiveFailures: 1, baseEjection: 2h, maxEjection: 2h}"));
      assertThat(badStatus(reloader).ejected()).isFalse();
      assertThat(get(reloader) + get(reloader)).contains("503 bad");
    }
  }

  @Test
  void anOpenCircuitStaysOpenAfterAReload() throws Exception {
    String breaker =
        "circuitBreaker: {window: 4, minimumCalls: 4, failureRateThreshold: 0.5, openDuration: 1h}\n"
            + "outlierDetection: disabled";
    try (ConfigReloader reloader = start(config("v1", breaker))) {
      for (int i = 0; i < 4; i++) {
        get(reloader);
      }
      assertThat(reloader.holder().current().upstreams().get(0).circuit()).isEqualTo("OPEN");
      int good0 = good.getRequestCount();
      int bad0 = bad.getRequestCount();

      reload(reloader, config("v2", breaker));

      assertThat(reloader.holder().current().upstreams().get(0).circuit()).isEqualTo("OPEN");
      assertThat(get(reloader)).startsWith("503 ").contains("circuit open");
      assertThat(good.getRequestCount() + bad.getRequestCount()).isEqualTo(good0 + bad0);
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
