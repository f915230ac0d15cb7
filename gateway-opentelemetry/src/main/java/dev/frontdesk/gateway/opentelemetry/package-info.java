/**
 * Tracing for Frontdesk with OpenTelemetry: {@link
 * dev.frontdesk.gateway.opentelemetry.GatewayTracing} turns the gateway's events into a server span
 * per request and a client span per upstream try, and carries W3C Trace Context from the client to
 * every upstream.
 *
 * <p>Only the {@code OpenTelemetry} instance you hand in appears here; the rest lives in {@code
 * dev.frontdesk.gateway.opentelemetry.internal}, which is not API.
 */
@NullMarked
package dev.frontdesk.gateway.opentelemetry;

import org.jspecify.annotations.NullMarked;
