package dev.frontdesk.gateway.transform.internal;

import dev.frontdesk.gateway.Body;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads a body up to a limit without losing it when the limit is crossed: then the bytes read so
 * far and the rest of the stream are handed back as one streamed body, so the message can still
 * pass on untouched.
 */
public final class BoundedRead {
  private final byte @Nullable [] bytes;
  private final @Nullable Body rest;

  private BoundedRead(byte @Nullable [] bytes, @Nullable Body rest) {
    this.bytes = bytes;
    this.rest = rest;
  }

  /** Reads {@code body}; a declared length over the limit is not read at all. */
  public static BoundedRead of(Body body, long limit) throws IOException {
    if (body.contentLength() > limit) {
      return new BoundedRead(null, body);
    }
    if (body.isReplayable()) {
      return new BoundedRead(body.bytes(limit), null);
    }
    InputStream in = body.stream();
    try {
      return read(in, body.contentLength(), limit);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * A stream of declared length is read straight into an array of that length, with no buffer and
   * no copy; one that turns out longer than it said, or states no length, is gathered in chunks.
   */
  private static BoundedRead read(InputStream in, long length, long limit) throws IOException {
    if (length >= 0 && length <= Integer.MAX_VALUE - 8) {
      byte[] exact = new byte[(int) length];
      int n = in.readNBytes(exact, 0, exact.length);
      int next = n < exact.length ? -1 : in.read();
      if (next == -1) {
        in.close();
        return new BoundedRead(n == exact.length ? exact : Arrays.copyOf(exact, n), null);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(exact.length + 1024);
      out.write(exact, 0, n);
      out.write(next);
      return gather(in, out, n + 1L, length, limit);
    }
    return gather(in, new ByteArrayOutputStream(1024), 0, length, limit);
  }

  private static BoundedRead gather(
      InputStream in, ByteArrayOutputStream out, long read, long length, long limit)
      throws IOException {
    byte[] buffer = new byte[8192];
    long total = read;
    if (total > limit) {
      return overLimit(out, in, length);
    }
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
      total += n;
      if (total > limit) {
        return overLimit(out, in, length);
      }
    }
    in.close();
    return new BoundedRead(out.toByteArray(), null);
  }

  /** What was read and the rest of the stream, as one body to pass on untouched. */
  private static BoundedRead overLimit(ByteArrayOutputStream read, InputStream rest, long length) {
    InputStream replay =
        new SequenceInputStream(new ByteArrayInputStream(read.toByteArray()), rest);
    return new BoundedRead(null, Body.of(replay, length));
  }

  /** True when the whole body was read within the limit. */
  public boolean within() {
    return bytes != null;
  }

  /** The whole body; only when {@link #within()}. */
  public byte[] bytes() {
    if (bytes == null) {
      throw new IllegalStateException("the body was over the limit");
    }
    return bytes;
  }

  /** The body over the limit, whole and unread by anyone else; only when not {@link #within()}. */
  public Body rest() {
    if (rest == null) {
      throw new IllegalStateException("the body was within the limit");
    }
    return rest;
  }
}
