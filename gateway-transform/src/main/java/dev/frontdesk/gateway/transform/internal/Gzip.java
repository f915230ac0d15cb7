package dev.frontdesk.gateway.transform.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Whole-body gzip for transforms, which hold the body anyway; decoding is bounded against bombs.
 */
public final class Gzip {
  private Gzip() {}

  /**
   * The decoded bytes, or null when they are more than {@code limit}: a few KiB of gzip can inflate
   * to gigabytes, so the limit applies to what comes out.
   *
   * @throws IOException when the bytes are not gzip
   */
  public static byte @Nullable [] decode(byte[] gzip, long limit) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(gzip.length * 4, 1 << 20));
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > limit) {
          return null;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  public static byte[] encode(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(
          "gzip into memory failed", e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }
}
