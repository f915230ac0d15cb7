package dev.frontdesk.gateway.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * An upstream response body as a stream; closing it releases the upstream connection. If the
 * upstream dies mid-body, reads fail with an {@link IOException} (OkHttp checks the framing), and
 * the host adapter must then abort the client's response rather than finish it.
 */
final class UpstreamBodyStream extends InputStream {
  private final okhttp3.Response response;
  private final InputStream in;

  UpstreamBodyStream(okhttp3.Response response) {
    this.response = response;
    this.in = response.body().byteStream();
  }

  @Override
  public int read() throws IOException {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  /** Bytes readable without blocking: lets a copier flush when the upstream pauses (SSE). */
  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() {
    response.close();
  }
}
