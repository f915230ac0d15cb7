package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Streams the client's body to the upstream as it arrives. Failures reading from the client are
 * tagged, so they are not mistaken for upstream failures.
 */
final class StreamingRequestBody extends RequestBody {
  private final Body body;

  StreamingRequestBody(Body body) {
    this.body = body;
  }

  @Override
  public @Nullable MediaType contentType() {
    return null; // the client's Content-Type header is forwarded as sent
  }

  @Override
  public long contentLength() {
    return body.contentLength();
  }

  @Override
  public boolean isOneShot() {
    return !body.isReplayable();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try (InputStream in = new ClientStream(body.stream(), body.contentLength())) {
      sink.writeAll(Okio.source(in));
    }
  }

  /** The first throwable of {@code type} in {@code e}'s causes and suppressed exceptions. */
  static @Nullable Throwable find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
      for (Throwable s : t.getSuppressed()) {
        Throwable found = find(s, type);
        if (found != null) {
          return found;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The client went away or sent a broken body while we were forwarding it. */
  static final class ClientBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientBodyException(IOException cause) {
      super("reading the client's request body failed", cause);
    }
  }

  /**
   * The client's stream, with its failures tagged and its declared length enforced: a body that
   * ends early or runs long is the client's fault (400), not a broken upstream (502).
   */
  private static final class ClientStream extends FilterInputStream {
    private final long declared;
    private long count;

    ClientStream(InputStream in, long declared) {
      super(in);
      this.declared = declared;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (Body.BodyTooLargeException e) {
        throw e;
      } catch (IOException e) {
        throw new ClientBodyException(e);
      }
      if (declared >= 0) {
        checkLength(n);
      }
      return n;
    }

    private void checkLength(int n) throws ClientBodyException {
      if (n == -1 && count < declared) {
        throw new ClientBodyException(new EOFException(
            "the body ended after " + count + " of " + declared + " declared bytes"));
      }
      count += Math.max(n, 0);
      if (count > declared) {
        throw new ClientBodyException(new IOException("the body is longer than its declared " + declared + " bytes"));
      }
    }
  }
}
