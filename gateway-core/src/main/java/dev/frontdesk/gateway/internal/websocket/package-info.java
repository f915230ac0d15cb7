/**
 * WebSocket proxying: RFC 6455 framing on the client's upgraded connection and the bridge to the
 * upstream's WebSocket (OkHttp's client). Not API: anything here may change at any time.
 */
@NullMarked
package dev.frontdesk.gateway.internal.websocket;

import org.jspecify.annotations.NullMarked;
