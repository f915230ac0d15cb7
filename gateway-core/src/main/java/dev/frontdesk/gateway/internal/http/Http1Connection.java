package dev.frontdesk.gateway.internal.http;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection to an upstream (RFC 9112), used by one exchange at a time: it writes a
 * request head and body with as few writes as it can (a small request is one write), and reads the
 * response through one buffer that the head parser and the body streams share. Reads and writes
 * block; each announces the instant it must end by (the read timeout, or a nearer deadline), and
 * the transport's {@link Reaper} closes the connection when that passes.
 */
final class Http1Connection implements Closeable {
  /** Response heads larger than this are refused (502), as NGINX's proxy_buffer_size does. */
  static final int MAX_HEAD = 64 * 1024;

  private final Socket socket;

  /** The plain socket's channel, for reads into any buffer without a copy; null under TLS. */
  private final @Nullable SocketChannel channel;

  private final InputStream in;
  private final OutputStream out;
  private final ConnectionPool pool;
  private byte[] buf = new byte[16 * 1024];
  private int pos;
  private int limit;
  private final byte[] wbuf = new byte[16 * 1024];
  private int wpos;
  private final Reaper reaper;

  /** How long a write may block: the read timeout of the exchange under way. */
  private long writeTimeoutNanos = Long.MAX_VALUE / 4;

  private boolean reusable;
  private volatile boolean closed;

  /** The System.nanoTime() by which the current read or write must end; far future when none. */
  volatile long expiresAt = Long.MAX_VALUE;

  private volatile boolean expired;
  long idleSince;
  boolean reused;

  /**
   * @param channel the channel of a plain {@code socket}; null when {@code socket} is TLS, whose
   *     channel (the layer below) carries encrypted bytes
   */
  Http1Connection(
      Socket socket, @Nullable SocketChannel channel, ConnectionPool pool, Reaper reaper)
      throws IOException {
    this.socket = socket;
    this.channel = channel;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.pool = pool;
    this.reaper = reaper;
    reaper.register(this);
  }

  // ---------------------------------------------------------------- writing the request

  /** Writes the request head and its body; a body read failure is the client's (tagged). */
  void writeRequest(UpstreamRequest request, String authority, long readMillis) throws IOException {
    reusable = true;
    writeTimeoutNanos = readMillis * 1_000_000;
    wpos = 0;
    ascii(request.method()).ascii(" ").ascii(request.target()).ascii(" HTTP/1.1\r\n");
    Headers headers = request.headers();
    if (headers.get("Host") == null) {
      ascii("Host: ").ascii(authority).ascii("\r\n");
    }
    for (int i = 0, n = headers.size(); i < n; i++) {
      ascii(headers.name(i)).ascii(": ").latin1(headers.value(i)).ascii("\r\n");
    }
    Body body = request.body();
    long length = body.contentLength();
    if (length > 0 || (length == 0 && request.requiresBody())) {
      ascii("Content-Length: ").ascii(Long.toString(length)).ascii("\r\n");
    } else if (length < 0) {
      ascii("Transfer-Encoding: chunked\r\n");
    }
    ascii("\r\n");
    if (length != 0) {
      try (InputStream source = body.stream()) {
        if (length > 0) {
          copyFixed(source);
        } else {
          copyChunked(source);
        }
      }
    }
    flushWrites();
  }

  private void copyFixed(InputStream source) throws IOException {
    for (int n; (n = source.read(wbuf, wpos, wbuf.length - wpos)) != -1; ) {
      wpos += n;
      if (wpos == wbuf.length) {
        flushWrites();
      }
    }
  }

  /** RFC 9112 §7.1: each read becomes one chunk; a zero-size chunk ends the body. */
  private void copyChunked(InputStream source) throws IOException {
    byte[] chunk = new byte[8192];
    for (int n; (n = source.read(chunk)) != -1; ) {
      if (n == 0) {
        continue;
      }
      ascii(Integer.toHexString(n)).ascii("\r\n");
      bytes(chunk, n).ascii("\r\n");
    }
    ascii("0\r\n\r\n");
  }

  private Http1Connection ascii(String s) throws IOException {
    return latin1(s);
  }

  private Http1Connection latin1(String s) throws IOException {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (wpos == wbuf.length) {
        flushWrites();
      }
      char c = s.charAt(i);
      wbuf[wpos++] = (byte) (c <= 0xff ? c : '?');
    }
    return this;
  }

  private Http1Connection bytes(byte[] b, int n) throws IOException {
    for (int off = 0; off < n; ) {
      if (wpos == wbuf.length) {
        flushWrites();
      }
      int k = Math.min(n - off, wbuf.length - wpos);
      System.arraycopy(b, off, wbuf, wpos, k);
      wpos += k;
      off += k;
    }
    return this;
  }

  private void flushWrites() throws IOException {
    if (wpos > 0) {
      expiresAt = System.nanoTime() + writeTimeoutNanos;
      try {
        out.write(wbuf, 0, wpos);
      } catch (IOException e) {
        throw expired
            ? new SocketTimeoutException(
                "the upstream took no data for " + writeTimeoutNanos / 1_000_000 + " ms")
            : e;
      } finally {
        expiresAt = Long.MAX_VALUE;
      }
      wpos = 0;
    }
  }

  // ---------------------------------------------------------------- reading the response head

  /** The response head, skipping interim 1xx responses (RFC 9110 §15.2). */
  Head readHead(long headersBy, long readMillis) throws IOException {
    int budget = MAX_HEAD;
    while (true) {
      String statusLine = readLine(headersBy, readMillis, budget);
      budget -= statusLine.length() + 2;
      Head head = parseStatusLine(statusLine);
      Headers.Builder headers = Headers.builder();
      for (String line; !(line = readLine(headersBy, readMillis, budget)).isEmpty(); ) {
        budget -= line.length() + 2;
        addField(headers, line);
      }
      budget -= 2;
      if (head.status >= 200) {
        return new Head(head.http11, head.status, headers.build());
      }
      if (head.status == 101) {
        throw new ProtocolException("the upstream switched protocols without being asked to");
      }
    }
  }

  /** The upstream closed the connection without sending a byte of an answer. */
  static final class NoResponseException extends java.io.EOFException {
    private static final long serialVersionUID = 1L;

    NoResponseException() {
      super("the upstream closed the connection without answering");
    }
  }

  /** What the status line and fields said. */
  record Head(boolean http11, int status, Headers headers) {}

  private static Head parseStatusLine(String line) throws ProtocolException {
    // HTTP-version SP status-code SP [ reason-phrase ]   (RFC 9112 §4)
    boolean http11 = line.startsWith("HTTP/1.1 ");
    if (!http11 && !line.startsWith("HTTP/1.0 ")
        || line.length() < 12
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolException("the upstream sent an invalid status line: " + printable(line));
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("the upstream sent an invalid status line: " + printable(line));
      }
      status = status * 10 + (c - '0');
    }
    if (status < 100 || status > 599) {
      throw new ProtocolException("the upstream sent a status code outside 100-599: " + status);
    }
    return new Head(http11, status, Headers.empty());
  }

  private static void addField(Headers.Builder headers, String line) throws ProtocolException {
    int colon = line.indexOf(':');
    if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      // RFC 9112 §5.2: obsolete line folding (and anything else) may be refused with 502.
      throw new ProtocolException("the upstream sent an invalid header field: " + printable(line));
    }
    try {
      headers.add(line.substring(0, colon), line.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the upstream sent an invalid header field: " + e.getMessage());
    }
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** A line without its CRLF (a bare LF is accepted, RFC 9112 §2.2). */
  private String readLine(long deadline, long readMillis, int budget) throws IOException {
    int scanned = pos;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
          pos = i + 1;
          return line;
        }
      }
      scanned = limit;
      if (limit - pos >= budget) {
        throw new ProtocolException(
            "the upstream's response head is larger than " + MAX_HEAD + " bytes");
      }
      int before = pos;
      if (fill(deadline, readMillis) == -1) {
        if (budget == MAX_HEAD && limit == pos) {
          throw new NoResponseException();
        }
        throw new ProtocolException(
            "the upstream closed the connection before a complete response head");
      }
      scanned -= before - pos; // fill may have moved the unread bytes to the front
    }
  }

  // ---------------------------------------------------------------- reading, shared with bodies

  /** Reads more bytes after the unread ones; -1 at end of stream. */
  int fill(long deadline, long readMillis) throws IOException {
    if (pos == limit) {
      pos = 0;
      limit = 0;
    } else if (limit == buf.length) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
      } else {
        buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_HEAD + 1024));
      }
    }
    int n = readSocket(ByteBuffer.wrap(buf, limit, buf.length - limit), deadline, readMillis);
    if (n > 0) {
      limit += n;
    }
    return n;
  }

  /**
   * Reads body bytes from the socket straight into {@code dst}, past the buffer, which must be
   * empty: a large body is then not copied through the connection's buffer, and not at all when
   * {@code dst} is direct and the connection plain. -1 at end of stream.
   */
  int readDirect(ByteBuffer dst, long deadline, long readMillis) throws IOException {
    if (pos != limit) {
      throw new IllegalStateException("buffered bytes would be skipped");
    }
    if (channel != null || dst.hasArray()) {
      return readSocket(dst, deadline, readMillis);
    }
    return fill(deadline, readMillis) == -1 ? -1 : take(dst); // TLS into a direct buffer
  }

  /** One blocking socket read that the reaper ends at the read timeout or the deadline. */
  private int readSocket(ByteBuffer dst, long deadline, long readMillis) throws IOException {
    long idleBy = System.nanoTime() + readMillis * 1_000_000;
    boolean byDeadline = deadline != Deadlines.NONE && deadline - idleBy < 0;
    expiresAt = byDeadline ? deadline : idleBy;
    try {
      if (channel != null) {
        return channel.read(dst);
      }
      int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    } catch (IOException e) {
      throw expired ? timedOut(byDeadline, readMillis, e) : e;
    } finally {
      expiresAt = Long.MAX_VALUE;
    }
  }

  private static InterruptedIOException timedOut(
      boolean byDeadline, long readMillis, IOException cause) {
    InterruptedIOException e =
        byDeadline
            ? new InterruptedIOException("the upstream did not answer within its deadline")
            : new SocketTimeoutException("the upstream sent nothing for " + readMillis + " ms");
    e.initCause(cause);
    return e;
  }

  /** Called by the reaper when the current read or write outlived its time: fails it. */
  void expire() {
    expired = true;
    close();
  }

  int buffered() {
    return limit - pos;
  }

  /** Copies as many buffered bytes into {@code dst} as it has room for. */
  int take(ByteBuffer dst) {
    int n = Math.min(dst.remaining(), limit - pos);
    dst.put(buf, pos, n);
    pos += n;
    return n;
  }

  /** Reads one byte, for chunk-size lines; -1 at end of stream. */
  int readByte(long deadline, long readMillis) throws IOException {
    if (pos == limit && fill(deadline, readMillis) == -1) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  /** Bytes the socket holds beyond the buffer (for flushing decisions on streamed bodies). */
  int socketAvailable() {
    try {
      return in.available();
    } catch (IOException e) {
      return 0;
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * After the request went out and before the response: this exchange leaves the connection
   * unusable.
   */
  void noReuse() {
    reusable = false;
  }

  /** The exchange is complete: back to the pool when both sides allow it, else closed. */
  void release() {
    if (reusable && !closed && pos == limit) {
      pool.offer(this);
    } else {
      close();
    }
  }

  /**
   * Whether a connection that sat idle still looks open: a read of a millisecond that times out
   * means nothing arrived, which is what a live idle connection sends; end of stream or bytes mean
   * the upstream closed it or broke protocol.
   */
  boolean stillOpen() {
    try {
      socket.setSoTimeout(1); // leaves this socket in non-blocking mode: the cost of a rare check
      try {
        in.read(buf, 0, 1); // returns only at end of stream, or with bytes nobody asked for
        return false;
      } finally {
        socket.setSoTimeout(0);
      }
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    reaper.unregister(this);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }

  @Override
  public String toString() {
    return "Http1Connection{" + socket.getRemoteSocketAddress() + "}";
  }
}
