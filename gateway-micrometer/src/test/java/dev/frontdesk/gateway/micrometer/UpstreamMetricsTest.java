package dev.frontdesk.gateway.micrometer;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.CircuitBreakerPolicy;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.HealthCheck;
import dev.frontdesk.gateway.OutlierDetection;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, the retry budget, ejections, readmissions and circuit breakers, as counters and gauges.
 */
class UpstreamMetricsTest {
  private final MockWebServer first = TestUpstreams.started();
  private final MockWebServer second = TestUpstreams.started();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  private void bothAnswer503(int times) {
    for (int i = 0; i < times; i++) {
      first.enqueue(new MockResponse.Builder().code(503).body("busy").build());
      second.enqueue(new MockResponse.Builder().code(503).body("busy").build());
    }
  }

  private Gateway gateway(Upstream.Builder svc) {
    return Gateway.builder()
        .listener(GatewayMetrics.of(registry))
        .upstream(svc.build())
        .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
        .build();
  }

  private Upstream.Builder svc() {
    return Upstream.builder("svc").instance(baseUrl(first)).instance(baseUrl(second));
  }

  private static void get(Gateway gateway, int times) throws IOException {
    for (int i = 0; i < times; i++) {
      gateway.handle(Request.of("GET", "/svc/x")).close();
    }
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void retriesEjectionsAndAnOpenCircuitAreCountedPerUpstream() throws IOException {
    bothAnswer503(8);
    try (Gateway gateway =
        gateway(
            svc()
                .retry(RetryPolicy.defaults())
                .outlierDetection(
                    OutlierDetection.builder().consecutiveFailures(2).maxEjectedShare(0.5).build())
                .circuitBreaker(
                    CircuitBreakerPolicy.builder()
                        .window(4, 4)
                        .failureRateThreshold(0.5)
                        .openDuration(Duration.ofSeconds(30))
                        .build()))) {
      get(gateway, 3);
    }
    assertThat(count("frontdesk.upstream.retries", "upstream", "svc")).isGreaterThanOrEqualTo(1);
    assertThat(
            count(
                "frontdesk.upstream.ejections",
                "upstream",
                "svc",
                "reason",
                "consecutive failures"))
        .isEqualTo(1);
    assertThat(count("frontdesk.circuit.opened", "upstream", "svc", "instance", "all"))
        .isEqualTo(1);
    assertThat(
            registry
                .get("frontdesk.circuit.state")
                .tags("upstream", "svc", "instance", "all")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("http.client.request.duration")
                .tags("upstream", "svc", "http.response.status_code", "503")
                .timers())
        .hasSize(2); // one series per instance
    assertThat(
            registry
                .get("frontdesk.requests.rejected")
                .tags("reason", "service_unavailable")
                .counter()
                .count())
        .isEqualTo(
            1); // the third request found the circuit open; the others passed the upstream's 503 on
  }

  @Test
  void aRetryTheBudgetRefusesIsCountedAndNotMade() throws IOException {
    bothAnswer503(4);
    try (Gateway gateway =
        gateway(svc().retry(RetryPolicy.builder().maxAttempts(2).budget(0, 0).build()))) {
      get(gateway, 3);
    }
    assertThat(count("frontdesk.upstream.retry_budget.exhausted", "upstream", "svc")).isEqualTo(3);
    assertThat(count("frontdesk.upstream.retries", "upstream", "svc")).isZero();
    assertThat(first.getRequestCount() + second.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anInstanceFailingHealthChecksIsEjectedAndReadmittedWhenItPassesAgain() throws Exception {
    HealthyToggle toggle = new HealthyToggle();
    second.setDispatcher(toggle);
    first.setDispatcher(new HealthyToggle());
    HealthCheck check =
        HealthCheck.builder("/health")
            .interval(Duration.ofMillis(50))
            .unhealthyThreshold(1)
            .healthyThreshold(1)
            .build();
    try (Gateway gateway = gateway(svc().healthCheck(check).retry(RetryPolicy.none()))) {
      toggle.healthy = false;
      Poller.until(Duration.ofSeconds(10), () -> ejections("health check") == 1);
      toggle.healthy = true;
      Poller.until(
          Duration.ofSeconds(10),
          () -> count("frontdesk.upstream.readmissions", "upstream", "svc") == 1);
      try (Response response = gateway.handle(Request.of("GET", "/svc/x"))) {
        assertThat(response.status()).isEqualTo(200);
      }
    }
  }

  private double ejections(String reason) {
    var found = registry.find("frontdesk.upstream.ejections").tags("reason", reason).counter();
    return found == null ? 0 : found.count();
  }

  /** Answers 200, and its health check 200 or 503 as told. */
  private static final class HealthyToggle extends Dispatcher {
    volatile boolean healthy = true;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      boolean check = "/health".equals(request.getTarget());
      return new MockResponse.Builder().code(check && !healthy ? 503 : 200).body("ok").build();
    }
  }
}
