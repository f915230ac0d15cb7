package dev.frontdesk.gateway.internal.http;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;

/**
 * An upstream's answer as the transport read it: the status, every header field as received
 * (hop-by-hop and framing fields included, for the proxy to remove), and the body. Reading the body
 * to its end returns the connection for reuse; closing it early gives the connection up.
 */
public record UpstreamResponse(int status, Headers headers, Body body) {}
