package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
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
    try (InputStream in = new ClientStream(body.stream())) {
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

  private static final class ClientStream extends FilterInputStream {
    ClientStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (Body.BodyTooLargeException e) {
        throw e;
      } catch (IOException e) {
        throw new ClientBodyException(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (Body.BodyTooLargeException e) {
        throw e;
      } catch (IOException e) {
        throw new ClientBodyException(e);
      }
    }
  }
}
