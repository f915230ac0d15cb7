package dev.frontdesk.gateway;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A protocol that takes over the client's connection after a {@code 101 Switching Protocols}
 * answer: the WebSocket bridge of a route declared with {@link Route.Builder#webSocket()}. A host
 * adapter that gets a 101 {@link Response} carrying one ({@link Response#upgrade()}) switches the
 * connection and hands the new protocol its raw streams; the servlet adapter does so with the
 * Servlet 6 upgrade API. Code that calls {@link Gateway#handle(Request)} without a server closes
 * it.
 *
 * <pre>{@code
 * Upgrade upgrade = response.upgrade();
 * if (response.status() == 101 && upgrade != null) {
 *   // once the container has switched the connection:
 *   upgrade.start(connection.getInputStream(), connection.getOutputStream(), connection);
 * }
 * }</pre>
 */
public interface Upgrade extends Closeable {
  /**
   * Runs the protocol over the client's connection on the gateway's own threads and returns at
   * once. The protocol closes {@code connection} when it ends, whichever side ended it.
   */
  void start(InputStream in, OutputStream out, Closeable connection);

  /**
   * Ends the protocol, or, when it was never started (the host could not switch, or a middleware
   * answered something else), releases what it holds upstream. Closing twice does nothing.
   */
  @Override
  void close();
}
