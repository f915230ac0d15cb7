/**
 * Frontdesk's public API: build a {@link dev.frontdesk.gateway.Gateway} from routes, middleware and
 * upstreams, then hand it {@link dev.frontdesk.gateway.Request}s.
 *
 * <p>Everything here is immutable or a builder for an immutable value. Implementation lives in
 * {@code dev.frontdesk.gateway.internal}, which is not API.
 */
@NullMarked
package dev.frontdesk.gateway;

import org.jspecify.annotations.NullMarked;
