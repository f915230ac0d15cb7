package dev.frontdesk.gateway.internal.http;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;

/**
 * A request as it goes to an upstream: the headers are final (hop-by-hop fields removed, forwarding
 * fields set), the transport adds only {@code Host} (when absent) and the body's framing ({@code
 * Content-Length} or {@code Transfer-Encoding: chunked}).
 *
 * @param target the origin-form request target, path and query
 */
public record UpstreamRequest(String method, String target, Headers headers, Body body) {

  /** RFC 9110 §9.2.1 safe methods: a request the upstream never acted on may be sent again. */
  public boolean isSafe() {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
      default -> false;
    };
  }

  /**
   * Methods whose requests always carry a body, if only an empty one ({@code Content-Length: 0}).
   */
  boolean requiresBody() {
    return switch (method) {
      case "POST", "PUT", "PATCH", "PROPPATCH", "REPORT" -> true;
      default -> false;
    };
  }
}
