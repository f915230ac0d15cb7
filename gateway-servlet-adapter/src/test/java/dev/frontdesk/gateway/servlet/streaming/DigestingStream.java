package dev.frontdesk.gateway.servlet.streaming;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Feeds every byte read through it into a digest (the JDK's DigestInputStream, minus its quirks).
 */
final class DigestingStream extends FilterInputStream {
  private final MessageDigest digest;

  DigestingStream(InputStream in, MessageDigest digest) {
    super(in);
    this.digest = digest;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b != -1) {
      digest.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
    }
    return n;
  }
}
