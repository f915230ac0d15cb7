package dev.frontdesk.gateway.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * An OpenTelemetry SDK that keeps finished spans in memory and propagates W3C Trace Context, as an
 * application would configure one; spans are exported synchronously as they end.
 */
final class Traces implements AutoCloseable {
  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  final OpenTelemetry openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  List<SpanData> spans(SpanKind kind) {
    return spans().stream().filter(s -> s.getKind() == kind).toList();
  }

  /** The one span of this kind, failing when there is not exactly one. */
  SpanData only(SpanKind kind) {
    List<SpanData> found = spans(kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + " span, got " + spans());
    }
    return found.get(0);
  }

  @Override
  public void close() {
    provider.close();
  }
}
