package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.AttributeKey;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Request;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Makes a request's body safe to reason about for retries: a streamed body small enough for the
 * retry policy's buffer is read into memory (and so may be sent again); any other streamed body is
 * wrapped to tell whether any of it was sent, since one never touched may still go to another
 * instance after a failed connect, and one partly sent never may.
 */
final class ReplayableBody {
  /** Set on requests whose streamed body is tracked. */
  static final AttributeKey<Tracker> TRACKER = AttributeKey.of("frontdesk.bodyTracker");

  private ReplayableBody() {}

  static Request prepare(Request request, int bufferUpTo) throws IOException {
    Body body = request.body();
    if (body.isReplayable() || body.isEmpty()) {
      return request;
    }
    long length = body.contentLength();
    if (bufferUpTo > 0 && length >= 0 && length <= bufferUpTo) {
      try (InputStream in = body.stream()) {
        return request.newBuilder().body(Body.of(read(in, (int) length + 1))).build();
      }
    }
    Tracker tracker = new Tracker(body);
    if (bufferUpTo > 0 && length < 0) {
      InputStream in = body.stream();
      byte[] head = read(in, bufferUpTo + 1);
      if (head.length <= bufferUpTo) {
        in.close();
        return request.newBuilder().body(Body.of(head)).build();
      }
      // Too large to keep: stream what was read, then the rest. Part of it is read: never resent.
      tracker = new Tracker(Body.of(new SequenceInputStream(new ByteArrayInputStream(head), in), -1));
      tracker.touched = true;
    }
    return request.newBuilder().body(Body.of(tracker, length)).attribute(TRACKER, tracker).build();
  }

  /** Up to {@code max} bytes of the stream; a client failure here is the client's 400. */
  private static byte[] read(InputStream in, int max) throws IOException {
    byte[] buffer = new byte[Math.min(max, 8192)];
    int total = 0;
    try {
      for (int n; total < max && (n = in.read(buffer, total, Math.min(buffer.length, max) - total)) != -1; ) {
        total += n;
        if (total == buffer.length && buffer.length < max) {
          buffer = Arrays.copyOf(buffer, Math.min(max, buffer.length * 2));
        }
      }
    } catch (Body.BodyTooLargeException e) {
      throw e;
    } catch (IOException e) {
      throw new GatewayException(400, "Bad Request", "the request body could not be read from the client");
    }
    return Arrays.copyOf(buffer, total);
  }

  /** Whether a request's body may be sent (again) now. */
  static boolean resendable(Request request) {
    Tracker tracker = request.attribute(TRACKER);
    return tracker == null ? request.body().isReplayable() || request.body().isEmpty() : !tracker.touched;
  }

  /** Whether reading the client's body failed: the client's fault, never retried. */
  static boolean clientFailed(Request request) {
    Tracker tracker = request.attribute(TRACKER);
    return tracker != null && tracker.clientFailed;
  }

  /** A lazily opened stream over the original body that notes whether it was read. */
  static final class Tracker extends FilterInputStream {
    private final Body body;
    volatile boolean touched;
    volatile boolean clientFailed;

    Tracker(Body body) {
      super(null);
      this.body = body;
    }

    private InputStream open() {
      touched = true;
      if (in == null) {
        in = body.stream();
      }
      return in;
    }

    @Override
    public int read() throws IOException {
      try {
        return open().read();
      } catch (IOException e) {
        clientFailed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return open().read(b, off, len);
      } catch (IOException e) {
        clientFailed = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      @Nullable InputStream current = in;
      if (current != null) {
        current.close();
      } else {
        body.close();
      }
    }
  }
}
