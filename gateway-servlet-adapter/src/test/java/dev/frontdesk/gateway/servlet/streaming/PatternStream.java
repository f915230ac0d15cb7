package dev.frontdesk.gateway.servlet.streaming;

import java.io.InputStream;
import java.util.Random;

/**
 * {@code size} bytes of a fixed pseudo-random pattern, generated on the fly. Its period is a prime
 * (65,521 bytes), so a dropped, repeated or shifted buffer anywhere in a pipe changes the digest.
 */
final class PatternStream extends InputStream {
  private static final byte[] PATTERN = new byte[65_521];

  static {
    new Random(42).nextBytes(PATTERN);
  }

  private final long size;
  private long position;

  PatternStream(long size) {
    this.size = size;
  }

  @Override
  public int read() {
    if (position == size) {
      return -1;
    }
    return PATTERN[(int) (position++ % PATTERN.length)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position == size) {
      return -1;
    }
    int offset = (int) (position % PATTERN.length);
    int n = (int) Math.min(Math.min(len, PATTERN.length - offset), size - position);
    System.arraycopy(PATTERN, offset, b, off, n);
    position += n;
    return n;
  }
}
