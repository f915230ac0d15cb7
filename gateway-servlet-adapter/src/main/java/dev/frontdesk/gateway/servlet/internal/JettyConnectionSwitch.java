package dev.frontdesk.gateway.servlet.internal;

import dev.frontdesk.gateway.Upgrade;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a Jetty 12 (ee10) connection through Jetty's core API, because its servlet upgrade
 * ({@code ServletApiRequest.upgrade}) sends the 101 but leaves the connection to the HTTP parser.
 * The request carries this connection in {@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}; once the
 * 101 is written, Jetty's {@code HttpConnection} replaces itself with it on the endpoint (the way
 * Jetty's own WebSocket server does) and hands over any bytes that came after the handshake. The
 * protocol then reads and writes the endpoint blocking, on the gateway's threads.
 *
 * <p>Only loaded when the request is Jetty's: Jetty is an optional dependency of the adapter.
 */
final class JettyConnectionSwitch extends AbstractConnection implements Connection.UpgradeTo {
  private static final Logger log = LoggerFactory.getLogger(JettyConnectionSwitch.class);
  private static final int BUFFER = 16 * 1024;

  private final Upgrade upgrade;
  private final AtomicBoolean opened = new AtomicBoolean();

  /**
   * Bytes read from the endpoint and not yet given out, in Jetty's flush mode (position to limit).
   */
  private ByteBuffer input = BufferUtil.allocate(BUFFER);

  private JettyConnectionSwitch(EndPoint endPoint, Executor executor, Upgrade upgrade) {
    super(endPoint, executor);
    this.upgrade = upgrade;
  }

  /**
   * Asks Jetty to give the connection to {@code upgrade} once the response, a 101 whose status and
   * headers the caller has set, is written.
   */
  static void request(HttpServletRequest req, Upgrade upgrade) {
    ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(req);
    if (jetty == null) {
      throw new IllegalStateException("not a Jetty ee10 request: " + req.getClass().getName());
    }
    EndPoint endPoint = jetty.getConnectionMetaData().getConnection().getEndPoint();
    jetty.setAttribute(
        HttpStream.UPGRADE_CONNECTION_ATTRIBUTE,
        new JettyConnectionSwitch(endPoint, jetty.getComponents().getExecutor(), upgrade));
  }

  /** The bytes the client sent after its handshake, read by Jetty along with it. */
  @Override
  public void onUpgradeTo(ByteBuffer prefilled) {
    if (BufferUtil.hasContent(prefilled)) {
      input = BufferUtil.allocate(Math.max(BUFFER, prefilled.remaining()));
      BufferUtil.append(input, prefilled);
    }
  }

  @Override
  public void onOpen() {
    super.onOpen();
    opened.set(true);
    try {
      upgrade.start(new In(), new BufferedOutputStream(new Out(), BUFFER), this::close);
    } catch (RuntimeException e) {
      log.warn("the upgraded connection could not be started: {}", e.toString());
      upgrade.close();
      close();
    }
  }

  /** A connection that closed before Jetty switched it leaves an upgrade that never started. */
  @Override
  public void onClose(Throwable cause) {
    super.onClose(cause);
    if (!opened.get()) {
      upgrade.close();
    }
  }

  /** Reads wait on {@link EndPoint#fillInterested} rather than here. */
  @Override
  public void onFillable() {}

  /** The protocol has its own idle timeout; Jetty's (the connector's) does not apply. */
  @Override
  public boolean onIdleExpired(TimeoutException timeout) {
    return false;
  }

  private final class In extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (!input.hasRemaining()) {
        BufferUtil.clear(input);
        int filled = getEndPoint().fill(input);
        if (filled < 0) {
          return -1;
        }
        if (filled == 0) {
          FutureCallback readable = new FutureCallback();
          getEndPoint().fillInterested(readable);
          readable.block();
        }
      }
      int n = Math.min(len, input.remaining());
      input.get(b, off, n);
      return n;
    }
  }

  private final class Out extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    /** Returns once Jetty has written the bytes: a slow client holds the writer here. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      FutureCallback written = new FutureCallback();
      getEndPoint().write(written, ByteBuffer.wrap(b, off, len));
      written.block();
    }

    @Override
    public void close() {
      JettyConnectionSwitch.this.close();
    }
  }
}
