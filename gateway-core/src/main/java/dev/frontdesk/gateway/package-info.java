/**
 * Frontdesk's public API: build a {@link dev.frontdesk.gateway.Gateway} from routes, middleware and
 * upstreams, then hand it {@link dev.frontdesk.gateway.Request}s.
 *
 * <p>Everything here is immutable or a builder for an immutable value. Implementation lives in
 * {@code dev.frontdesk.gateway.internal}, which is not API.
 *
 * <p><b>Builders</b>, in this module and every other Frontdesk module, follow one rule: an option
 * set again takes the last value, as OkHttp's builders do (so that {@link
 * dev.frontdesk.gateway.Gateway#newBuilder()} can change what a gateway already has); options that
 * add ({@code use}, {@code route}, {@code upstream}) add. Each setter refuses a null argument at
 * once with a {@link java.lang.NullPointerException} naming it; the shared argument checks are
 * {@link dev.frontdesk.gateway.Durations}.
 */
@NullMarked
package dev.frontdesk.gateway;

import org.jspecify.annotations.NullMarked;
