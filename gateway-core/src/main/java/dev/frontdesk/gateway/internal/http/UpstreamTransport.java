package dev.frontdesk.gateway.internal.http;

import java.io.Closeable;
import java.io.IOException;

/**
 * The one seam all upstream traffic goes through: one request, one response whose body streams.
 * Implementations pool connections, never follow redirects, never decompress, and never resend a
 * request on their own, with one exception: a safe, body-less request that failed on a pooled
 * connection the upstream had already closed is sent once more on a new connection (RFC 9112
 * §9.3.1: the upstream cannot have acted on it).
 *
 * <p>Failures are {@link IOException}s: {@link java.io.InterruptedIOException} when a deadline or
 * timeout passed, {@link java.net.ConnectException} (or a connect {@link
 * java.net.SocketTimeoutException}) when no connection could be opened, {@link
 * java.net.ProtocolException} when the upstream broke HTTP.
 */
public interface UpstreamTransport extends Closeable {

  /** Sends {@code request} to {@code origin} and returns once the response headers are in. */
  UpstreamResponse send(Origin origin, UpstreamRequest request, Deadlines deadlines)
      throws IOException;

  /** Releases pooled connections and threads. Calls under way finish or fail on their own. */
  @Override
  void close();
}
