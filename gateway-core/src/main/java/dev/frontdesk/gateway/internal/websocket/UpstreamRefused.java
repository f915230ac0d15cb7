package dev.frontdesk.gateway.internal.websocket;

import java.io.IOException;
import okhttp3.Headers;

/**
 * The upstream answered the WebSocket handshake with something other than a valid 101 (a 401, a
 * 404, a 101 without the right {@code Sec-WebSocket-Accept}): its status, headers and the start of
 * its body, read while OkHttp still had it open.
 */
public final class UpstreamRefused extends IOException {
  private static final long serialVersionUID = 1L;

  /** How much of the upstream's refusal is relayed to the client. */
  private static final long MAX_BODY = 64 * 1024;

  private final int status;
  private final transient Headers headers;
  private final byte[] body;

  private UpstreamRefused(int status, Headers headers, byte[] body, Throwable cause) {
    super("the upstream refused the WebSocket handshake with " + status, cause);
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public Headers headers() {
    return headers;
  }

  public byte[] body() {
    return body.clone();
  }

  static UpstreamRefused of(okhttp3.Response response, Throwable cause) {
    byte[] body;
    try {
      body = response.peekBody(MAX_BODY).bytes();
    } catch (IOException | IllegalStateException e) {
      body = new byte[0];
    }
    return new UpstreamRefused(response.code(), response.headers(), body, cause);
  }
}
