package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The one mapping from an I/O failure to the status the client gets, so that a broken body or a
 * slow upstream is answered alike wherever it surfaces (the proxy, the chain, the gateway).
 */
public final class Failures {
  private Failures() {}

  /**
   * 413 when a body outgrew its limit, 400 when the client's own body broke while we forwarded
   * it, 504 on a timeout, 502 for anything else the upstream did. The cause is kept for the log.
   */
  public static GatewayException of(IOException e) {
    Body.BodyTooLargeException tooLarge = find(e, Body.BodyTooLargeException.class);
    if (tooLarge != null) {
      return GatewayException.contentTooLarge(tooLarge.getMessage()).withCause(e);
    }
    // TODO(upstream rewrite): StreamingRequestBody.find duplicates find(); switch it to this one.
    if (find(e, StreamingRequestBody.ClientBodyException.class) != null) {
      return GatewayException.badRequest("the request body could not be read from the client").withCause(e);
    }
    if (e instanceof InterruptedIOException) {
      return GatewayException.gatewayTimeout("the upstream did not answer in time").withCause(e);
    }
    return GatewayException.badGateway("the upstream could not be reached or broke the connection")
        .withCause(e);
  }

  /**
   * The first throwable of {@code type} in {@code e}'s causes and suppressed exceptions: a body
   * failure reaches us wrapped by OkHttp, or suppressed behind the close that followed it.
   */
  public static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      for (Throwable s : t.getSuppressed()) {
        T found = find(s, type);
        if (found != null) {
          return found;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
