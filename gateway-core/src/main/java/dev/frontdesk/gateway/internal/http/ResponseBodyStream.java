package dev.frontdesk.gateway.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A response body read from its connection, framed as RFC 9112 §6.3 says: by {@code
 * Content-Length}, by chunks, or until the upstream closes. Reaching the end hands the connection
 * back; closing early gives it up (its unread bytes would confuse the next exchange). A body that
 * ends before its framing says it should fails with a {@link ProtocolException}, so the host can
 * abort the client's response instead of passing off a short one.
 *
 * <p>It is also a {@link ReadableByteChannel}: a host that reads it into a direct buffer gets the
 * bytes of a plain connection without a copy in the JVM.
 */
abstract class ResponseBodyStream extends InputStream implements ReadableByteChannel {
  /** Reads at least this large skip the connection's buffer. */
  private static final int DIRECT_READ = 4096;

  final Http1Connection connection;
  final long callBy;
  final long readMillis;
  private boolean done;

  ResponseBodyStream(Http1Connection connection, long callBy, long readMillis) {
    this.connection = connection;
    this.callBy = callBy;
    this.readMillis = readMillis;
  }

  /** A body of exactly {@code length} bytes. */
  static ResponseBodyStream fixed(Http1Connection c, long length, long callBy, long readMillis) {
    return new Fixed(c, length, callBy, readMillis);
  }

  static ResponseBodyStream chunked(Http1Connection c, long callBy, long readMillis) {
    return new Chunked(c, callBy, readMillis);
  }

  /** A body that ends when the upstream closes the connection. */
  static ResponseBodyStream untilClose(Http1Connection c, long callBy, long readMillis) {
    c.noReuse();
    return new UntilClose(c, callBy, readMillis);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (done) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    int n;
    try {
      n = readBody(dst);
    } catch (IOException e) {
      done = true;
      connection.close();
      throw e;
    }
    if (n == -1) {
      done = true;
      connection.release();
    }
    return n;
  }

  /** Up to {@code dst.remaining()} bytes of the body into {@code dst}; -1 at its end. */
  abstract int readBody(ByteBuffer dst) throws IOException;

  /**
   * Body bytes readable without blocking, from the buffer or else the socket: 0 means the upstream
   * paused, and tells the host to flush what it has (server-sent events).
   */
  @Override
  public int available() {
    return done ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.min(bodyLeft(), readable()));
  }

  /** An upper bound of the body bytes still to come in the current frame. */
  abstract long bodyLeft();

  private int readable() {
    int buffered = connection.buffered();
    return buffered > 0 ? buffered : connection.socketAvailable();
  }

  @Override
  public boolean isOpen() {
    return !done;
  }

  @Override
  public void close() {
    if (!done) {
      done = true;
      connection.close();
    }
  }

  /**
   * Reads at most {@code max} bytes into {@code dst} from the buffer, or else from the socket:
   * straight into {@code dst} when it has room for a large read, so big bodies are not copied
   * through the connection's buffer. -1 at end of stream.
   */
  int readSome(ByteBuffer dst, long max) throws IOException {
    int limit = dst.limit();
    if (dst.remaining() > max) {
      dst.limit(dst.position() + (int) max);
    }
    try {
      if (connection.buffered() == 0) {
        if (dst.remaining() >= DIRECT_READ) {
          return connection.readDirect(dst, callBy, readMillis);
        }
        if (connection.fill(callBy, readMillis) == -1) {
          return -1;
        }
      }
      return connection.take(dst);
    } finally {
      dst.limit(limit);
    }
  }

  private static final class Fixed extends ResponseBodyStream {
    private long remaining;

    Fixed(Http1Connection c, long length, long callBy, long readMillis) {
      super(c, callBy, readMillis);
      this.remaining = length;
    }

    @Override
    int readBody(ByteBuffer dst) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = readSome(dst, remaining);
      if (n == -1) {
        throw new ProtocolException(
            "the upstream closed the connection "
                + remaining
                + " bytes before the end of its body");
      }
      remaining -= n;
      return n;
    }

    @Override
    long bodyLeft() {
      return remaining;
    }
  }

  private static final class UntilClose extends ResponseBodyStream {
    UntilClose(Http1Connection c, long callBy, long readMillis) {
      super(c, callBy, readMillis);
    }

    @Override
    int readBody(ByteBuffer dst) throws IOException {
      return readSome(dst, Long.MAX_VALUE);
    }

    @Override
    long bodyLeft() {
      return Long.MAX_VALUE;
    }
  }

  /** RFC 9112 §7.1 chunked transfer coding; extensions and trailer fields are read and dropped. */
  private static final class Chunked extends ResponseBodyStream {
    private static final int MAX_LINE = 8192;
    private long remaining = -1; // in the current chunk; -1 before the first size line
    private boolean last;

    Chunked(Http1Connection c, long callBy, long readMillis) {
      super(c, callBy, readMillis);
    }

    @Override
    int readBody(ByteBuffer dst) throws IOException {
      if (last) {
        return -1;
      }
      if (remaining <= 0) {
        if (remaining == 0) {
          expectCrlf();
        }
        remaining = chunkSize();
        if (remaining == 0) {
          skipTrailers();
          last = true;
          return -1;
        }
      }
      int n = readSome(dst, remaining);
      if (n == -1) {
        throw truncated();
      }
      remaining -= n;
      return n;
    }

    /** What is left of the current chunk: the next chunk's size line is not read ahead. */
    @Override
    long bodyLeft() {
      return Math.max(0, remaining);
    }

    private long chunkSize() throws IOException {
      String line = line();
      int end = line.indexOf(';');
      String hex = (end < 0 ? line : line.substring(0, end)).strip();
      if (hex.isEmpty() || hex.length() > 15) {
        throw new ProtocolException("the upstream sent an invalid chunk size");
      }
      try {
        return Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("the upstream sent an invalid chunk size");
      }
    }

    private void expectCrlf() throws IOException {
      if (!line().isEmpty()) {
        throw new ProtocolException("the upstream's chunk is longer than its size");
      }
    }

    private void skipTrailers() throws IOException {
      for (int fields = 0; !line().isEmpty(); fields++) {
        if (fields > 100) {
          throw new ProtocolException("the upstream sent too many trailer fields");
        }
      }
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder(16);
      for (int c; (c = connection.readByte(callBy, readMillis)) != '\n'; ) {
        if (c == -1) {
          throw truncated();
        }
        if (sb.length() > MAX_LINE) {
          throw new ProtocolException(
              "the upstream sent a chunk line longer than " + MAX_LINE + " bytes");
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }

    private static ProtocolException truncated() {
      return new ProtocolException(
          "the upstream closed the connection before the last chunk of its body");
    }
  }
}
