package dev.frontdesk.gateway.internal.http;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;

/**
 * An upstream's answer as the transport read it: the status, every header field as received
 * (hop-by-hop and framing fields included, for the proxy to remove), and the body. Reading the body
 * to its end returns the connection for reuse; closing it early gives the connection up.
 *
 * @param origin the instance that answered, whose own address the proxy hides in {@code Location}
 * @param protocol the HTTP version it answered with ({@code HTTP/1.0}, {@code HTTP/1.1}, {@code
 *     HTTP/2}), for the response's {@code Via}
 */
public record UpstreamResponse(
    int status, Headers headers, Body body, Origin origin, String protocol) {}
