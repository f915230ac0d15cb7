package dev.frontdesk.examples;

import dev.frontdesk.gateway.AccessLog;
import dev.frontdesk.gateway.AdminEndpoints;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Middleware;
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
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the demo gives an operator: an access log on the console, Prometheus metrics, W3C trace
 * context sent to every service (an OpenTelemetry SDK whose one span processor drops every span:
 * plug in an exporter to keep them; the {@code traceparent} the services get is real), and
 * read-only admin endpoints behind their own API key.
 */
final class DemoOperations implements AutoCloseable {
  static final String ADMIN_KEY = "demo-admin-key-0123456789abcdef";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /**
   * An SDK with no span processor records nothing and propagates nothing: this one drops what it
   * gets.
   */
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .addSpanProcessor(
              new SpanProcessor() {
                @Override
                public void onStart(Context parent, ReadWriteSpan span) {}

                @Override
                public boolean isStartRequired() {
                  return false;
                }

                @Override
                public void onEnd(ReadableSpan span) {}

                @Override
                public boolean isEndRequired() {
                  return false;
                }
              })
          .build();

  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(tracing)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  /**
   * Makes the demo's SDK the process's {@code GlobalOpenTelemetry}, as the OpenTelemetry Java agent
   * does for a standalone gateway: what a file's {@code tracing: true} traces with. Only once per
   * process: a second demo in the same JVM keeps the first one's.
   */
  void installGlobalOpenTelemetry() {
    try {
      GlobalOpenTelemetry.set(openTelemetry);
    } catch (IllegalStateException alreadySet) {
      // set before (another demo in this JVM, or an agent): that instance traces
    }
  }

  /** The listeners the demo gateway registers. */
  List<GatewayListener> listeners() {
    return List.of(AccessLog.json(), GatewayMetrics.of(registry), GatewayTracing.of(openTelemetry));
  }

  /**
   * The admin endpoints for {@code served}: probes open, the rest behind {@code X-Api-Key:
   * ADMIN_KEY}.
   */
  Gateway admin(Supplier<Gateway> served) {
    return AdminEndpoints.builder(served)
        .authentication(adminKey())
        .requiredUpstreams("products")
        .metrics(registry::scrape, "text/plain; version=0.0.4; charset=utf-8")
        .build();
  }

  private static Middleware adminKey() {
    return Authentication.required(
        ApiKeyAuthenticator.builder(
                InMemoryApiKeyStore.builder()
                    .key(
                        ADMIN_KEY,
                        ApiConsumer.of("demo-operator", "Demo operator", Set.of("admin")))
                    .build())
            .build());
  }

  @Override
  public void close() {
    tracing.close();
    registry.close();
  }
}
