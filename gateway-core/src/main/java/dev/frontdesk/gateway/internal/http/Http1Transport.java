package dev.frontdesk.gateway.internal.http;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Frontdesk's own upstream client: blocking HTTP/1.1 on the calling thread, over pooled keep-alive
 * connections (TLS through the JDK's default trust, or the gateway's {@code UpstreamTls}). It
 * exists because it measured faster than OkHttp and Jetty's client on the proxy path
 * (docs/benchmarks.md): a small exchange is one write and usually one read, no thread hand-off, no
 * timer, no lock shared between requests.
 */
public final class Http1Transport implements UpstreamTransport {
  private final ConcurrentHashMap<Origin, ConnectionPool> pools = new ConcurrentHashMap<>();
  private final AtomicInteger idleTotal = new AtomicInteger();
  private final int maxIdle;
  private final long keepAliveNanos;
  private final SSLSocketFactory tls;
  private final Reaper reaper = new Reaper("frontdesk-upstream-timeouts");
  private volatile boolean closed;

  /**
   * @param maxIdle idle connections kept for reuse, across all origins
   * @param keepAlive how long an idle connection is kept
   */
  public Http1Transport(int maxIdle, Duration keepAlive) {
    this(maxIdle, keepAlive, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /**
   * As above, with TLS connections made by {@code tls} (its trust decides which servers are
   * believed).
   */
  public Http1Transport(int maxIdle, Duration keepAlive, SSLSocketFactory tls) {
    this.maxIdle = maxIdle;
    this.keepAliveNanos = keepAlive.toNanos();
    this.tls = tls;
  }

  @Override
  public UpstreamResponse send(Origin origin, UpstreamRequest request, Deadlines deadlines)
      throws IOException {
    if (closed) {
      throw new IOException("the gateway's upstream client is closed");
    }
    ConnectionPool pool = pool(origin);
    boolean resendable = request.isSafe() && request.body().isEmpty();
    Http1Connection c = pool.take(resendable);
    try {
      return exchange(c != null ? c : connect(origin, pool, deadlines), origin, request, deadlines);
    } catch (NotAnswered e) {
      if (!resendable) {
        throw e.failure;
      }
      // Closed before any answer, typically a pooled connection the upstream had already closed:
      // a safe body-less request may go once more, on a new connection (RFC 9110 §9.2.2).
      try {
        return exchange(connect(origin, pool, deadlines), origin, request, deadlines);
      } catch (NotAnswered again) {
        throw again.failure;
      }
    }
  }

  private ConnectionPool pool(Origin origin) {
    ConnectionPool pool = pools.get(origin);
    return pool != null
        ? pool
        : pools.computeIfAbsent(
            origin, o -> new ConnectionPool(idleTotal, maxIdle, keepAliveNanos));
  }

  private static UpstreamResponse exchange(
      Http1Connection c, Origin origin, UpstreamRequest request, Deadlines d) throws IOException {
    Http1Connection.Head head;
    try {
      head = writeThenRead(c, origin, request, d);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    try {
      return new UpstreamResponse(
          head.status(),
          head.headers(),
          Bodies.of(c, request, head, d),
          origin,
          head.http11() ? "HTTP/1.1" : "HTTP/1.0");
    } catch (ProtocolException e) {
      c.close();
      throw e;
    }
  }

  private static Http1Connection.Head writeThenRead(
      Http1Connection c, Origin origin, UpstreamRequest request, Deadlines d) throws IOException {
    try {
      c.writeRequest(request, origin.authority(), d.readMillis());
    } catch (IOException e) {
      if (ClientBody.failed(e)) {
        throw e;
      }
      return answerDespite(c, e, d);
    }
    try {
      return c.readHead(d.headersBy(), d.readMillis());
    } catch (ProtocolException | InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new NotAnswered(e);
    }
  }

  /**
   * Sending failed: an upstream may have answered and closed early (a 413 before taking a large
   * body); that answer is the truth to pass on. Otherwise the send failure stands, as a stale
   * pooled connection when nothing at all came back on a reused one.
   */
  private static Http1Connection.Head answerDespite(
      Http1Connection c, IOException sendFailure, Deadlines d) throws IOException {
    c.noReuse();
    try {
      return c.readHead(
          Math.min(d.headersBy(), System.nanoTime() + 1_000_000_000L), d.readMillis());
    } catch (IOException readFailure) {
      sendFailure.addSuppressed(readFailure);
      throw new NotAnswered(sendFailure);
    }
  }

  private Http1Connection connect(Origin origin, ConnectionPool pool, Deadlines d)
      throws IOException {
    int timeout = Deadlines.millisUntil(d.headersBy(), d.connectMillis());
    InetAddress[] addresses = InetAddress.getAllByName(origin.hostName());
    IOException failure = null;
    for (InetAddress address : addresses) {
      SocketChannel channel = SocketChannel.open(); // blocking; the reaper keeps time
      Socket socket = channel.socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address, origin.port()), timeout);
        return origin.tls()
            ? new Http1Connection(tls(socket, origin, timeout), null, pool, reaper)
            : new Http1Connection(socket, channel, pool, reaper);
      } catch (SSLException e) {
        // A refused certificate (untrusted, wrong host, no client certificate) is refused by every
        // address of the host alike: fail now rather than repeat the handshake on each.
        closeQuietly(socket);
        throw e;
      } catch (IOException e) {
        closeQuietly(socket);
        failure = connectFailure(e, origin);
      }
    }
    throw failure != null ? failure : new ConnectException("no address for " + origin.hostName());
  }

  /** TLS with SNI and host name verification (RFC 9110 §4.3.4); HTTP/1.1 only. */
  private Socket tls(Socket plain, Origin origin, int timeout) throws IOException {
    SSLSocket socket = (SSLSocket) tls.createSocket(plain, origin.hostName(), origin.port(), true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(timeout);
    socket.startHandshake();
    socket.setSoTimeout(0); // from here on the reaper keeps time
    return socket;
  }

  private static IOException connectFailure(IOException e, Origin origin) {
    if (e instanceof SocketTimeoutException
        && !String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
      SocketTimeoutException t = new SocketTimeoutException("connect to " + origin + " timed out");
      t.initCause(e);
      return t;
    }
    return e;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to release
    }
  }

  @Override
  public void close() {
    closed = true;
    pools.values().forEach(ConnectionPool::close);
    reaper.close();
  }

  /** The connection broke before any byte of an answer arrived (no time-out, no protocol error). */
  private static final class NotAnswered extends IOException {
    private static final long serialVersionUID = 1L;
    final IOException failure;

    NotAnswered(IOException failure) {
      super(failure.getMessage(), failure);
      this.failure = failure;
    }
  }

  /** How the body of a response is framed (RFC 9112 §6.3). */
  private static final class Bodies {
    static Body of(
        Http1Connection c, UpstreamRequest request, Http1Connection.Head head, Deadlines d)
        throws ProtocolException {
      Headers h = head.headers();
      if (!head.http11() || hasToken(h, "Connection", "close")) {
        c.noReuse();
      }
      int status = head.status();
      if (request.method().equals("HEAD") || status == 204 || status == 304) {
        c.release(); // no body follows; a Content-Length here describes the resource (RFC 9110
        // §8.6)
        return Body.empty();
      }
      String te = h.get("Transfer-Encoding");
      if (te != null) {
        if (h.get("Content-Length") != null) {
          c.noReuse(); // RFC 9112 §6.3 (3): Transfer-Encoding wins, and the connection is suspect
        }
        boolean chunked = lastCoding(h).equals("chunked");
        return Body.of(
            chunked
                ? ResponseBodyStream.chunked(c, d.callBy(), d.readMillis())
                : ResponseBodyStream.untilClose(c, d.callBy(), d.readMillis()),
            -1);
      }
      long length = contentLength(h);
      if (length == 0) {
        c.release();
        return Body.empty();
      }
      if (length > 0) {
        return Body.of(ResponseBodyStream.fixed(c, length, d.callBy(), d.readMillis()), length);
      }
      return Body.of(ResponseBodyStream.untilClose(c, d.callBy(), d.readMillis()), -1);
    }

    /** The Content-Length; -1 when absent. Differing or malformed values are refused (§6.3 (5)). */
    private static long contentLength(Headers h) throws ProtocolException {
      long length = -1;
      for (String value : h.values("Content-Length")) {
        for (String part : value.split(",")) {
          long n = parseDigits(part.strip());
          if (n < 0 || (length >= 0 && n != length)) {
            throw new ProtocolException("the upstream sent an invalid Content-Length");
          }
          length = n;
        }
      }
      return length;
    }

    private static long parseDigits(String s) {
      if (s.isEmpty() || s.length() > 18) {
        return -1;
      }
      long n = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        n = n * 10 + (c - '0');
      }
      return n;
    }

    private static String lastCoding(Headers h) {
      java.util.List<String> values = h.values("Transfer-Encoding");
      String last = values.get(values.size() - 1);
      int comma = last.lastIndexOf(',');
      return (comma < 0 ? last : last.substring(comma + 1)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean hasToken(Headers h, String name, String token) {
      if (h.get(name) == null) {
        return false; // the common case, without a list
      }
      for (String value : h.values(name)) {
        for (String t : value.split(",")) {
          if (t.strip().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
