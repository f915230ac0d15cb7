package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.ExchangeOutcome;
import dev.frontdesk.gateway.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.jspecify.annotations.Nullable;

/**
 * One exchange that somebody listens to: counts the request body bytes read and the response body
 * bytes delivered, and reports {@link ExchangeListener#finished} when the response is closed. Only
 * made when a listener is registered, so an unobserved gateway wraps nothing.
 */
public final class ObservedExchange {
  private final ExchangeListener listener;
  private final long startNanos;
  private final TimeSource time;
  private long bytesReceived;

  /**
   * @param startNanos when the exchange started, as {@code time} reads it
   */
  public ObservedExchange(ExchangeListener listener, long startNanos, TimeSource time) {
    this.listener = listener;
    this.startNanos = startNanos;
    this.time = time;
  }

  public ExchangeListener listener() {
    return listener;
  }

  /** The client's body, counted as it is read; a body held in memory is counted whole. */
  public Body requestBody(Body body) {
    if (body.isReplayable() || body.isEmpty()) {
      bytesReceived = Math.max(0, body.contentLength());
      return body;
    }
    return Body.of(counting(body.stream(), null), body.contentLength());
  }

  /** The answer, with a body that reports the exchange finished when it is closed. */
  public Response response(Response response) {
    Body body = response.body();
    Counting counted = counting(body.stream(), new Finish(response.status(), body.contentLength()));
    return response.newBuilder().body(Body.of(counted, body.contentLength())).build();
  }

  /** A counting stream that is a channel too when {@code in} is one (for direct-buffer hosts). */
  private Counting counting(InputStream in, @Nullable Finish finish) {
    return in instanceof ReadableByteChannel channel
        ? new CountingChannel(in, channel, finish)
        : new Counting(in, finish);
  }

  /** What to report when the response body closes. */
  private final class Finish {
    private final int status;
    private final long length;
    private boolean done;

    Finish(int status, long length) {
      this.status = status;
      this.length = length;
    }

    void report(long sent, boolean sawEnd, @Nullable IOException failure) {
      if (done) {
        return;
      }
      done = true;
      boolean complete = failure == null && (sawEnd || (length >= 0 && sent >= length));
      String why =
          complete
              ? null
              : failure != null
                  ? "upstream broke: " + failure.getMessage()
                  : "closed before the end";
      listener.finished(
          new ExchangeOutcome(
              status, bytesReceived, sent, time.read() - startNanos, complete, why));
    }
  }

  /**
   * Counts bytes; for the response, also remembers the end, a read failure, and reports on close.
   */
  private class Counting extends FilterInputStream {
    private final @Nullable Finish finish;
    private long count;
    private boolean sawEnd;
    private @Nullable IOException failure;

    Counting(InputStream in, @Nullable Finish finish) {
      super(in);
      this.finish = finish;
    }

    @Override
    public int read() throws IOException {
      try {
        int b = super.read();
        counted(b == -1 ? -1 : 1);
        return b;
      } catch (IOException e) {
        failed(e);
        throw e;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        int n = super.read(buffer, offset, length);
        counted(n);
        return n;
      } catch (IOException e) {
        failed(e);
        throw e;
      }
    }

    void failed(IOException e) {
      failure = e;
    }

    void counted(int n) {
      if (n == -1) {
        sawEnd = true;
        return;
      }
      count += n;
      if (finish == null) {
        bytesReceived += n;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        if (finish != null) {
          finish.report(count, sawEnd, failure);
        }
      }
    }
  }

  /** Counts what a host reads into its own buffers, as {@link Counting} counts array reads. */
  private final class CountingChannel extends Counting implements ReadableByteChannel {
    private final ReadableByteChannel channel;

    CountingChannel(InputStream in, ReadableByteChannel channel, @Nullable Finish finish) {
      super(in, finish);
      this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      try {
        int n = channel.read(dst);
        counted(n);
        return n;
      } catch (IOException e) {
        failed(e);
        throw e;
      }
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }
  }
}
