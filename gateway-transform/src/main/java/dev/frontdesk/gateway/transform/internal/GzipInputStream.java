package dev.frontdesk.gateway.transform.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips a stream as it is read, holding at most one buffer of input and what it compresses to:
 * never the whole body. When the source has nothing more ready (an upstream pausing between chunks)
 * the compressor is sync-flushed, so what arrived so far reaches the client instead of waiting in
 * the deflater.
 */
public final class GzipInputStream extends InputStream {
  private final InputStream source;
  private final Output out = new Output();
  private final GZIPOutputStream gzip;
  private final byte[] chunk = new byte[8192];
  private int pos;
  private boolean finished;

  public GzipInputStream(InputStream source, int level) {
    this.source = source;
    try {
      this.gzip = new LeveledGzip(out, level);
    } catch (IOException e) {
      throw new IllegalStateException("writing a gzip header into memory failed", e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == out.size()) {
      if (finished) {
        return -1;
      }
      out.reset();
      pos = 0;
      int n = source.read(chunk);
      if (n == -1) {
        gzip.finish();
        finished = true;
      } else {
        gzip.write(chunk, 0, n);
        if (source.available() == 0) {
          gzip.flush(); // SYNC_FLUSH: the bytes so far go out now
        }
      }
    }
    int n = Math.min(len, out.size() - pos);
    System.arraycopy(out.buffer(), pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
    } finally {
      gzip.close(); // ends the deflater, freeing its native memory
    }
  }

  /** GZIPOutputStream at a chosen level: its deflater is reachable only from a subclass. */
  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(ByteArrayOutputStream out, int level) throws IOException {
      super(out, 8192, true);
      def.setLevel(level);
    }
  }

  /** A byte buffer whose array can be read without a copy. */
  private static final class Output extends ByteArrayOutputStream {
    byte[] buffer() {
      return buf;
    }
  }
}
