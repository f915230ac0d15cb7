package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Body;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A request body made safe to reason about for retries: a streamed body small enough for the retry
 * policy's buffer is read into memory (and so may be sent again); any other streamed body is
 * wrapped to tell whether any of it was sent, since one never touched may still go to another
 * instance after a failed connect, and one partly sent never may.
 */
final class ReplayableBody {
  private final Body body;
  private final @Nullable Tracker tracker;

  private ReplayableBody(Body body, @Nullable Tracker tracker) {
    this.body = body;
    this.tracker = tracker;
  }

  static ReplayableBody of(Body body, int bufferUpTo) throws IOException {
    if (body.isReplayable() || body.isEmpty()) {
      return new ReplayableBody(body, null);
    }
    long length = body.contentLength();
    if (bufferUpTo > 0 && length >= 0 && length <= bufferUpTo) {
      try (InputStream in = body.stream()) {
        return new ReplayableBody(Body.of(read(in, (int) length + 1)), null);
      }
    }
    Tracker tracker = new Tracker(body);
    if (bufferUpTo > 0 && length < 0) {
      InputStream in = body.stream();
      byte[] head = read(in, bufferUpTo + 1);
      if (head.length <= bufferUpTo) {
        in.close();
        return new ReplayableBody(Body.of(head), null);
      }
      // Too large to keep: stream what was read, then the rest. Part of it is read: never resent.
      tracker =
          new Tracker(Body.of(new SequenceInputStream(new ByteArrayInputStream(head), in), -1));
      tracker.touched = true;
    }
    return new ReplayableBody(Body.of(tracker, length), tracker);
  }

  /** The body to send. */
  Body body() {
    return body;
  }

  /** Whether the body may be sent (again) now. */
  boolean resendable() {
    return tracker == null ? body.isReplayable() || body.isEmpty() : !tracker.touched;
  }

  /** Whether any of a tracked streamed body was read. */
  boolean touched() {
    return tracker != null && tracker.touched;
  }

  /**
   * Up to {@code max} bytes of the stream. The body is the client's, tagged (ClientBody): a failure
   * here maps to the client's 400 (or 413) like any other.
   */
  private static byte[] read(InputStream in, int max) throws IOException {
    byte[] buffer = new byte[Math.min(max, 8192)];
    int total = 0;
    for (int n;
        total < max && (n = in.read(buffer, total, Math.min(buffer.length, max) - total)) != -1; ) {
      total += n;
      if (total == buffer.length && buffer.length < max) {
        buffer = Arrays.copyOf(buffer, Math.min(max, buffer.length * 2));
      }
    }
    return Arrays.copyOf(buffer, total);
  }

  /** A lazily opened stream over the original body that notes whether it was read. */
  private static final class Tracker extends FilterInputStream {
    private final Body body;
    volatile boolean touched;

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
      return open().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return open().read(b, off, len);
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
