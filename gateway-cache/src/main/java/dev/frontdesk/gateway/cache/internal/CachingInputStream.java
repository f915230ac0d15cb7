package dev.frontdesk.gateway.cache.internal;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A tee: bytes go to the reader as they arrive, never held back, and a copy is kept up to a limit.
 * When the stream ends within the limit the copy is handed to {@code onComplete}; past the limit,
 * or when the reader stops early or the stream fails, the copy is dropped. Either way {@code onEnd}
 * runs once, so that requests waiting for this one stop waiting.
 */
final class CachingInputStream extends FilterInputStream {
  private final long limit;
  private final long expectedLength;
  private final Consumer<byte[]> onComplete;
  private final Runnable onEnd;
  private @Nullable ByteArrayOutputStream copy;
  private boolean ended;

  /**
   * @param expectedLength the body's declared length, or -1; a body of another length is not kept
   */
  CachingInputStream(
      InputStream in,
      long limit,
      long expectedLength,
      Consumer<byte[]> onComplete,
      Runnable onEnd) {
    super(in);
    this.limit = limit;
    this.expectedLength = expectedLength;
    this.onComplete = onComplete;
    this.onEnd = onEnd;
    this.copy = new ByteArrayOutputStream(expectedLength > 0 ? (int) expectedLength : 1024);
  }

  @Override
  public int read() throws IOException {
    int b = readOrGiveUp(() -> in.read());
    if (b < 0) {
      complete();
      return b;
    }
    ByteArrayOutputStream kept = copyFor(1);
    if (kept != null) {
      kept.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = readOrGiveUp(() -> in.read(buffer, offset, length));
    if (n < 0) {
      complete();
      return n;
    }
    ByteArrayOutputStream kept = n > 0 ? copyFor(n) : null;
    if (kept != null) {
      kept.write(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    copy = null; // skipped bytes are not seen: the copy could not be whole
    return in.skip(n);
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      end();
    }
  }

  /** The copy if it may take {@code n} more bytes; null once it has been dropped. */
  private @Nullable ByteArrayOutputStream copyFor(int n) {
    if (copy != null && copy.size() + (long) n > limit) {
      copy = null; // over the limit: stream on, uncached
      end();
    }
    return copy;
  }

  private void complete() {
    ByteArrayOutputStream whole = copy;
    if (whole != null && !ended && (expectedLength < 0 || whole.size() == expectedLength)) {
      copy = null;
      try {
        onComplete.accept(whole.toByteArray());
      } finally {
        end();
      }
    }
    end();
  }

  private void end() {
    if (!ended) {
      ended = true;
      copy = null;
      onEnd.run();
    }
  }

  private int readOrGiveUp(IoRead read) throws IOException {
    try {
      return read.read();
    } catch (IOException | RuntimeException e) {
      end();
      throw e;
    }
  }

  @FunctionalInterface
  private interface IoRead {
    int read() throws IOException;
  }
}
