package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.opentelemetry.GatewayTracing;
import io.opentelemetry.api.GlobalOpenTelemetry;

/**
 * {@code tracing: true}: {@link GatewayTracing} on {@link GlobalOpenTelemetry}, the instance the
 * OpenTelemetry Java agent or the SDK's autoconfigure installs for a process (exporter, sampler and
 * propagators from {@code OTEL_*} settings). Without either, the global instance is a no-op:
 * nothing is recorded and the client's trace headers pass through untouched. Loaded only once
 * gateway-opentelemetry is known to be on the class path; asked for the global instance only in the
 * live pass, because asking fixes it for the life of the process.
 */
final class TracingMapper {
  private TracingMapper() {}

  static GatewayListener global() {
    return GatewayTracing.of(GlobalOpenTelemetry.get());
  }
}
