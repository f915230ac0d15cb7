package dev.frontdesk.gateway.transform.internal;

import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;

/**
 * Range requests where the gateway changes bodies: the upstream's byte ranges are parts of its own
 * bytes, not of the body the client gets, so they are neither asked for nor advertised.
 */
public final class Ranges {
  private Ranges() {}

  /**
   * The request without {@code Range} and {@code If-Range}: a server may ignore Range and answer
   * the whole representation with a 200 (RFC 9110 §14.2), and If-Range means nothing without it
   * (§13.1.5).
   */
  public static Request notAsked(Request request) {
    if (!request.headers().contains("Range") && !request.headers().contains("If-Range")) {
      return request;
    }
    return request.newBuilder().removeHeader("Range").removeHeader("If-Range").build();
  }

  /**
   * The response without the upstream's {@code Accept-Ranges} (RFC 9110 §14.3): ranges asked of
   * this route are not honoured, so a client should not plan to resume with one.
   */
  public static Response notAdvertised(Response response) {
    return response.headers().contains("Accept-Ranges")
        ? response.newBuilder().removeHeader("Accept-Ranges").build()
        : response;
  }
}
