/**
 * The meters behind {@code GatewayMetrics}: the per-request listener, and the caches that find a
 * request's timer without building tags. Not API: anything here may change at any time without
 * notice.
 */
@NullMarked
package dev.frontdesk.gateway.micrometer.internal;

import org.jspecify.annotations.NullMarked;
