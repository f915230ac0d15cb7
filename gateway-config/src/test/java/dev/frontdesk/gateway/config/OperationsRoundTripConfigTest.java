package dev.frontdesk.gateway.config;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.AdminEndpoints;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.auth.ApiConsumer;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import dev.frontdesk.gateway.micrometer.GatewayMetrics;
import dev.frontdesk.gateway.opentelemetry.GatewayTracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics}, {@code tracing} and {@code admin} answer as the builder code they stand for: the
 * same admin answers (probes open, the rest behind the file's key), the same request counts in the
 * Prometheus scrape, and the client's trace carried to the upstream by both.
 */
class OperationsRoundTripConfigTest {
  private static final String ADMIN_KEY = "admin-key-0123456789abcdef";
  private static final String CONFIG =
      """
      metrics: {tags: {gateway: edge}, histograms: false}
      tracing: true
      admin: {port: 0, prefix: /ops, apiKey: "${env:ADMIN_KEY}", requiredUpstreams: [api]}
      upstreams:
        api: {instances: ["${env:UPSTREAM}"]}
      routes:
        - id: api
          path: /api/**
          upstream: api
      """;

  private final AtomicInteger spans = new AtomicInteger();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(counting()).build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private final MockWebServer forConfig = SameAnswers.echo("api");
  private final MockWebServer forCode = SameAnswers.echo("api");
  private final ConfigResult result;
  private final Gateway fromConfig;
  private final Gateway adminFromConfig;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Gateway fromCode;
  private final Gateway adminFromCode;

  OperationsRoundTripConfigTest() {
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(
        otel); // what the OpenTelemetry agent or SDK autoconfigure does in a real process
    result =
        GatewayConfig.builder()
            .environment(Map.of("ADMIN_KEY", ADMIN_KEY, "UPSTREAM", baseUrl(forConfig))::get)
            .build()
            .parse("gateway.yaml", CONFIG, Path.of("."));
    fromConfig = result.gateway();
    adminFromConfig = result.adminEndpoints(() -> fromConfig).orElseThrow();
    fromCode =
        Gateway.builder()
            .listener(
                GatewayMetrics.builder(registry).tag("gateway", "edge").histograms(false).build())
            .listener(GatewayTracing.of(GlobalOpenTelemetry.get()))
            .upstream(Upstream.of("api", baseUrl(forCode)))
            .route("api", r -> r.path("/api/**").proxyToUpstream("api"))
            .build();
    adminFromCode =
        AdminEndpoints.builder(() -> fromCode)
            .prefix("/ops")
            .requiredUpstreams("api")
            .authentication(
                Authentication.required(
                    ApiKeyAuthenticator.builder(
                            InMemoryApiKeyStore.builder()
                                .key(
                                    ADMIN_KEY, ApiConsumer.of("admin", "Operator", Set.of("admin")))
                                .build())
                        .build()))
            .metrics(registry::scrape, "text/plain; version=0.0.4; charset=utf-8")
            .build();
  }

  @AfterEach
  void close() throws Exception {
    fromConfig.close();
    adminFromConfig.close();
    fromCode.close();
    adminFromCode.close();
    forConfig.close();
    forCode.close();
    registry.close();
    otel.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void theGatewaysTheirAdminEndpointsAndTheirMetricsAnswerAlike() {
    String traceparent = "00-" + SameAnswers.CLIENT_TRACE_ID + "-b7ad6b7169203331-01";
    List<String> answers =
        SameAnswers.assertSameAnswers(
            fromCode,
            fromConfig,
            List.of(
                Request.builder()
                    .method("GET")
                    .target("/api/orders")
                    .header("traceparent", traceparent)
                    .build(),
                Request.of("GET", "/api/orders"),
                Request.of("GET", "/nothing")));
    List<String> admin =
        SameAnswers.assertSameAnswers(
            adminFromCode,
            adminFromConfig,
            List.of(
                Request.of("GET", "/ops/health/live"),
                Request.of("GET", "/ops/health/ready"),
                Request.of("GET", "/ops/routes"),
                Request.builder()
                    .method("GET")
                    .target("/ops/routes")
                    .header("X-Api-Key", ADMIN_KEY)
                    .build(),
                Request.builder()
                    .method("GET")
                    .target("/ops/upstreams")
                    .header("X-Api-Key", "wrong-key-0123456789")
                    .build(),
                Request.of("GET", "/ops/metrics")));

    assertThat(answers.get(0)).contains("traceparent=00-" + SameAnswers.CLIENT_TRACE_ID);
    assertThat(answers.get(1)).contains("traceparent=a new trace");
    assertThat(spans.get())
        .isEqualTo(2 * 2 * 3 - 2); // a server span per request, a client span per upstream try
    assertThat(admin.get(2)).startsWith("401");
    assertThat(admin.get(3)).startsWith("200").contains("/api/**");
    assertThat(requestCounts(adminFromConfig))
        .isEqualTo(requestCounts(adminFromCode))
        .anyMatch(
            line ->
                line.contains("http_route=\"api\"")
                    && line.contains("gateway=\"edge\"")
                    && line.endsWith(" 2"));
  }

  /** The scrape's request counters: durations differ between two runs, counts do not. */
  private static Set<String> requestCounts(Gateway admin) {
    String scrape =
        admin
            .handle(
                Request.builder()
                    .method("GET")
                    .target("/ops/metrics")
                    .header("X-Api-Key", ADMIN_KEY)
                    .build())
            .body()
            .string();
    return scrape
        .lines()
        .filter(line -> line.startsWith("http_server_request_duration_seconds_count"))
        .collect(Collectors.toSet());
  }

  private SpanProcessor counting() {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parent, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        spans.incrementAndGet();
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
  }
}
