package dev.frontdesk.gateway.micrometer;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters as a Prometheus scrape shows them: names, labels and histogram buckets. */
class PrometheusMetricsTest {
  private final MockWebServer upstream = TestUpstreams.started();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void stop() {
    upstream.close();
    registry.close();
  }

  private String scrapeAfterTraffic(GatewayMetrics metrics) throws IOException {
    upstream.enqueue(text(200, "ok"));
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway =
        Gateway.builder()
            .listener(metrics)
            .route("api", r -> r.path("/api/**").proxyTo(baseUrl(upstream)))
            .route(
                "limited",
                r ->
                    r.path("/limited/**")
                        .use(
                            chain -> {
                              throw GatewayException.tooManyRequests("slow down");
                            })
                        .proxyTo(baseUrl(upstream)))
            .build()) {
      for (String path : new String[] {"/api/1", "/api/2", "/limited/1"}) {
        try (Response response = gateway.handle(Request.of("GET", path))) {
          response.body().string();
        }
      }
    }
    return registry.scrape();
  }

  @Test
  void theScrapeHasDurationHistogramsAndTheOtherMeters() throws IOException {
    String scrape = scrapeAfterTraffic(GatewayMetrics.of(registry));

    assertThat(
            scrape
                .lines()
                .filter(
                    l ->
                        l.startsWith("http_server_request_duration_seconds_bucket{")
                            && l.contains("http_route=\"api\"")))
        .hasSize(69); // Micrometer's default: 1 ms to 30 s, and +Inf
    assertThat(scrape)
        .contains("http_server_request_duration_seconds_bucket{")
        .containsPattern(
            "http_server_request_duration_seconds_count\\{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"api\",outcome=\"SUCCESS\"} 2")
        .contains("http_client_request_duration_seconds_bucket{")
        .containsPattern(
            "http_client_request_duration_seconds_count\\{error_type=\"none\","
                + "http_response_status_code=\"200\",instance=\""
                + baseUrl(upstream)
                + "\",upstream=\""
                + baseUrl(upstream)
                + "\"} 2")
        .contains(
            "frontdesk_requests_rejected_total{reason=\"too_many_requests\",status=\"429\"} 1")
        .contains("http_server_active_requests 0")
        .contains("http_server_response_body_size_bytes_sum{http_route=\"api\"} 4");
  }

  @Test
  void aRouteCanServeTheScrape() throws IOException { // as docs/metrics.md shows it
    try (Gateway gateway =
        Gateway.builder()
            .listener(GatewayMetrics.of(registry))
            .route(
                "metrics",
                r ->
                    r.get("/metrics")
                        .handleWith(
                            request ->
                                Response.builder()
                                    .status(200)
                                    .body(
                                        "text/plain; version=0.0.4; charset=utf-8",
                                        registry.scrape())
                                    .build()))
            .build()) {
      try (Response first = gateway.handle(Request.of("GET", "/metrics"))) {
        assertThat(first.body().string()).contains("http_server_active_requests 1.0"); // itself
      }
      try (Response second = gateway.handle(Request.of("GET", "/metrics"))) {
        assertThat(second.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(second.body().string())
            .contains(
                "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                    + "http_response_status_code=\"200\",http_route=\"metrics\",outcome=\"SUCCESS\"} 1");
      }
    }
  }

  @Test
  void withHistogramsOffTheScrapeHasNoBuckets() throws IOException {
    String scrape = scrapeAfterTraffic(GatewayMetrics.builder(registry).histograms(false).build());

    assertThat(scrape)
        .contains("http_server_request_duration_seconds_count{")
        .doesNotContain("_bucket");
  }

  @Test
  void aMeterFilterCanTradeTheDefaultBucketsForFewerFixedOnes() throws IOException {
    registry
        .config()
        .meterFilter(
            new MeterFilter() { // as docs/metrics.md shows
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().endsWith(".request.duration")) {
                  return config;
                }
                return DistributionStatisticConfig.builder()
                    .percentilesHistogram(false)
                    .serviceLevelObjectives(
                        Stream.of(
                                0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5,
                                5.0, 7.5, 10.0)
                            .mapToDouble(seconds -> seconds * 1e9)
                            .toArray())
                    .build()
                    .merge(config);
              }
            });
    String scrape = scrapeAfterTraffic(GatewayMetrics.of(registry));

    assertThat(
            scrape
                .lines()
                .filter(
                    l ->
                        l.startsWith("http_server_request_duration_seconds_bucket{")
                            && l.contains("http_route=\"api\"")))
        .hasSize(15); // 14 bounds and +Inf, instead of 69
    assertThat(scrape).contains("le=\"0.075\"");
  }
}
