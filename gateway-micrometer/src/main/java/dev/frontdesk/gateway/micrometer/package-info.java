/**
 * Metrics for a gateway with Micrometer: {@link dev.frontdesk.gateway.micrometer.GatewayMetrics} is
 * a {@link dev.frontdesk.gateway.GatewayListener} that records request and upstream timings,
 * in-flight requests, retries, ejections, circuit states and rejections in the {@code
 * MeterRegistry} you hand it. The registry is the only Micrometer type in this API.
 *
 * <p>The implementation lives in {@code dev.frontdesk.gateway.micrometer.internal}, which is not
 * API.
 */
@NullMarked
package dev.frontdesk.gateway.micrometer;

import org.jspecify.annotations.NullMarked;
