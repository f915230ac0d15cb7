package dev.frontdesk.examples.bench;

import dev.frontdesk.gateway.AccessLog;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.micrometer.GatewayMetrics;
import dev.frontdesk.gateway.opentelemetry.GatewayTracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;

/**
 * The operations listeners as a deployment would run them, for the overhead benchmark: the access
 * log (through the jar's SLF4J provider), metrics in a Prometheus registry, and spans through a
 * batch processor to an exporter that drops them (the cost of sending them is the collector's).
 */
final class BenchObservability {
  private BenchObservability() {}

  /**
   * @param traceRatio the share of new traces recorded (1 records every request; a trace the client
   *     started keeps the client's decision)
   */
  static void register(Gateway.Builder builder, String which, double traceRatio) {
    for (String name : which.split(",")) {
      switch (name.strip()) {
        case "access" -> builder.listener(AccessLog.json());
        case "metrics" ->
            builder.listener(
                GatewayMetrics.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        case "tracing" -> builder.listener(GatewayTracing.of(openTelemetry(traceRatio)));
        default ->
            throw new IllegalArgumentException("--observe takes access, metrics, tracing: " + name);
      }
    }
  }

  private static OpenTelemetrySdk openTelemetry(double ratio) {
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
            .addSpanProcessor(BatchSpanProcessor.builder(new Dropping()).build())
            .build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracing)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private static final class Dropping implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
