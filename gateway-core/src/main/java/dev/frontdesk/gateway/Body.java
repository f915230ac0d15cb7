package dev.frontdesk.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message body: a stream read once, with its length when known. Nothing buffers a body unless
 * somebody asks for it with {@link #bytes(long)}, and then only up to the limit they state.
 *
 * <p>Bodies made from bytes or a string are <em>replayable</em>: each {@link #stream()} starts
 * again from the first byte. Streamed bodies give out their stream once.
 */
public final class Body implements Closeable {
  private static final Body EMPTY = new Body(new byte[0]);

  private final byte @Nullable [] bytes;
  private final long contentLength;
  private @Nullable InputStream stream;
  private boolean consumed;

  private Body(byte[] bytes) {
    this.bytes = bytes;
    this.contentLength = bytes.length;
    this.stream = null;
  }

  private Body(InputStream stream, long contentLength) {
    this.bytes = null;
    this.contentLength = contentLength;
    this.stream = stream;
  }

  /** A body with no bytes. */
  public static Body empty() {
    return EMPTY;
  }

  public static Body of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Body(bytes.clone());
  }

  /** The string's UTF-8 bytes. */
  public static Body of(String text) {
    Objects.requireNonNull(text, "text");
    return text.isEmpty() ? EMPTY : new Body(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A streamed body, read once.
   *
   * @param contentLength the number of bytes the stream holds, or -1 when unknown (chunked)
   */
  public static Body of(InputStream stream, long contentLength) {
    Objects.requireNonNull(stream, "stream");
    if (contentLength < -1) {
      throw new IllegalArgumentException("contentLength must be -1 (unknown) or >= 0");
    }
    return new Body(stream, contentLength);
  }

  /** The number of bytes, or -1 when unknown until the stream ends. */
  public long contentLength() {
    return contentLength;
  }

  /** True when the body is known to hold no bytes. */
  public boolean isEmpty() {
    return contentLength == 0;
  }

  /** True when {@link #stream()} may be called more than once. */
  public boolean isReplayable() {
    return bytes != null;
  }

  /**
   * The body's bytes as a stream.
   *
   * @throws IllegalStateException when a streamed body's stream was already taken
   */
  public synchronized InputStream stream() {
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    if (consumed) {
      throw new IllegalStateException(
          "body stream was already consumed; a streamed body is read once");
    }
    consumed = true;
    InputStream result = stream;
    stream = null;
    return Objects.requireNonNull(result);
  }

  /**
   * Reads the whole body into memory.
   *
   * @throws IOException when reading fails or the body holds more than {@code maxBytes}
   */
  public byte[] bytes(long maxBytes) throws IOException {
    if (bytes != null && bytes.length <= maxBytes) {
      return bytes.clone();
    }
    if (contentLength > maxBytes) {
      close();
      throw new BodyTooLargeException(maxBytes);
    }
    try (InputStream in = stream()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(contentLength > 0 ? (int) contentLength : 256);
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > maxBytes) {
          throw new BodyTooLargeException(maxBytes);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** Reads the whole body, up to 16 MiB, as UTF-8 text: for tests and small payloads. */
  public String string() {
    try {
      return new String(bytes(16L << 20), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Releases the stream (and any upstream connection behind it) without reading it. */
  @Override
  public synchronized void close() throws IOException {
    InputStream s = stream;
    stream = null;
    consumed = true;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return "Body{contentLength=" + contentLength + (bytes != null ? ", replayable" : "") + "}";
  }

  /** Thrown when a body holds more bytes than a stated limit. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;
    private final String message;

    public BodyTooLargeException(long limit) {
      this(limit, "body exceeds the limit of " + limit + " bytes");
    }

    private BodyTooLargeException(long limit, String message) {
      super(message);
      this.limit = limit;
      this.message = message;
    }

    /** Never null, unlike {@link Throwable#getMessage()}: it names the limit. */
    @Override
    public String getMessage() {
      return message;
    }

    public long limit() {
      return limit;
    }
  }
}
