package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.internal.http.ClientBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;

/**
 * The one mapping from an I/O failure to the status the client gets, so that a broken body or a
 * slow upstream is answered alike wherever it surfaces (the proxy, the chain, the gateway).
 */
public final class Failures {
  private Failures() {}

  /**
   * 413 when a body outgrew its limit, 400 when the client's own body broke while we forwarded it,
   * 504 on a timeout, 502 for an answer that breaks HTTP or anything else the upstream did. The
   * cause is kept for the log.
   */
  public static GatewayException of(IOException e) {
    Body.BodyTooLargeException tooLarge = ClientBody.find(e, Body.BodyTooLargeException.class);
    if (tooLarge != null) {
      return GatewayException.contentTooLarge(tooLarge.getMessage()).withCause(e);
    }
    if (ClientBody.failed(e)) {
      return GatewayException.badRequest("the request body could not be read from the client")
          .withCause(e);
    }
    if (e instanceof InterruptedIOException) {
      return GatewayException.gatewayTimeout("the upstream did not answer in time").withCause(e);
    }
    if (e instanceof ProtocolException) {
      return GatewayException.badGateway("the upstream sent a response the gateway cannot forward")
          .withCause(e);
    }
    return GatewayException.badGateway("the upstream could not be reached or broke the connection")
        .withCause(e);
  }
}
