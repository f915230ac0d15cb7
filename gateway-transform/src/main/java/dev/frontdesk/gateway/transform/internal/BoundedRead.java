package dev.frontdesk.gateway.transform.internal;

import dev.frontdesk.gateway.Body;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        body.contentLength() >= 0 ? (int) body.contentLength() : 1024);
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
        total += n;
        if (total > limit) {
          InputStream replay = new SequenceInputStream(new ByteArrayInputStream(out.toByteArray()), in);
          return new BoundedRead(null, Body.of(replay, body.contentLength()));
        }
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    in.close();
    return new BoundedRead(out.toByteArray(), null);
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
