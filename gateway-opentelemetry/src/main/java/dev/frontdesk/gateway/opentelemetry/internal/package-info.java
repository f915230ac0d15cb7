/**
 * The machinery behind {@code dev.frontdesk.gateway.opentelemetry}: the per-request listener that
 * owns the spans, header carriers for the propagators, attribute names. Not API: it may change at
 * any time.
 */
@NullMarked
package dev.frontdesk.gateway.opentelemetry.internal;

import org.jspecify.annotations.NullMarked;
