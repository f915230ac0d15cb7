package dev.frontdesk.gateway.opentelemetry;

import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.opentelemetry.internal.ServerAddresses;
import dev.frontdesk.gateway.opentelemetry.internal.TracedExchange;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;

/**
 * Traces a gateway with OpenTelemetry: a {@code SERVER} span per request and a {@code CLIENT} span
 * per upstream try (each aggregation leg and each retry included), named and attributed after the
 * OpenTelemetry HTTP semantic conventions. The trace context travels with the instance's
 * propagators (W3C {@code traceparent} and {@code tracestate} for an SDK configured with {@code
 * W3CTraceContextPropagator}): an incoming context is continued, otherwise a trace starts here, and
 * every upstream try is sent the context of its own client span, replacing what the client sent.
 *
 * <p>Spans are never made current: nothing of OpenTelemetry's context is left on a request thread.
 * With {@link OpenTelemetry#noop()} (no SDK) nothing is recorded and nothing is propagated; the
 * client's own headers pass through untouched, as they would without this listener.
 *
 * <pre>{@code
 * OpenTelemetry otel = OpenTelemetrySdk.builder()
 *     .setTracerProvider(tracerProvider)
 *     .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
 *     .build();
 * Gateway gateway = Gateway.builder()
 *     .listener(GatewayTracing.of(otel))
 *     ...
 * }</pre>
 */
public final class GatewayTracing implements GatewayListener {
  /** The instrumentation scope the spans are recorded under. */
  public static final String INSTRUMENTATION_NAME = "dev.frontdesk.gateway.opentelemetry";

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final ServerAddresses addresses = new ServerAddresses();

  private GatewayTracing(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Traces with this OpenTelemetry instance's tracer provider and text-map propagator. */
  public static GatewayTracing of(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new GatewayTracing(
        openTelemetry.getTracer(INSTRUMENTATION_NAME),
        openTelemetry.getPropagators().getTextMapPropagator());
  }

  /** Starts the request's server span, as a child of the context the client sent, if any. */
  @Override
  public ExchangeListener exchangeStarted(Request request) {
    return TracedExchange.start(tracer, propagator, addresses, request);
  }

  @Override
  public String toString() {
    return "GatewayTracing{" + propagator + "}";
  }
}
