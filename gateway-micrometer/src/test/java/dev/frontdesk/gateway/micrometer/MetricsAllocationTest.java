package dev.frontdesk.gateway.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.ExchangeOutcome;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.UpstreamAttempt;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The listener runs on every request: once its meters exist, a request costs its one exchange
 * object and no tag building. Measured with the JVM's per-thread allocation counter; the limit is
 * loose (a few small objects) so JIT timing cannot make it flaky, yet far below what building a tag
 * list and meter id per request would allocate.
 */
class MetricsAllocationTest {

  @Test
  void aRequestAfterTheFirstAllocatesAlmostNothingBeyondItsExchange() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = GatewayMetrics.of(registry);
    Route route;
    try (Gateway gateway =
        Gateway.builder()
            .route("api", r -> r.path("/api/**").proxyTo("http://127.0.0.1:1"))
            .build()) {
      route = gateway.routes().get(0);
    }
    Request request = Request.of("GET", "/api/x");
    UpstreamAttempt attempt = new UpstreamAttempt("svc", "http://10.0.0.1:8080", 1, "GET");
    ExchangeOutcome outcome = new ExchangeOutcome(200, 0, 42, 1_000_000, true, null);

    for (int i = 0; i < 50_000; i++) { // registers the meters and lets the JIT settle
      oneRequest(metrics, route, request, attempt, outcome);
    }
    int requests = 100_000;
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < requests; i++) {
      oneRequest(metrics, route, request, attempt, outcome);
    }
    long perRequest = (threads.getCurrentThreadAllocatedBytes() - before) / requests;

    assertThat(perRequest).isLessThan(100);
    assertThat(registry.get("http.server.request.duration").timer().count()).isEqualTo(150_000);
    registry.close();
  }

  private static void oneRequest(
      GatewayMetrics metrics,
      Route route,
      Request request,
      UpstreamAttempt attempt,
      ExchangeOutcome outcome) {
    ExchangeListener exchange = metrics.exchangeStarted(request);
    exchange.routed(route, request);
    exchange.attemptFinished(attempt, 200, null, 500_000);
    exchange.finished(outcome);
  }
}
