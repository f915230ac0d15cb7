package dev.frontdesk.gateway.internal.http;

import dev.frontdesk.gateway.Body;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * The client's request body on its way upstream. Failures reading it are tagged as the client's, so
 * that a client that went away or sent a broken body gets 400 (or 413 over a limit) and is never
 * mistaken for a broken upstream (502), nor counted against an upstream's health.
 */
public final class ClientBody {
  private ClientBody() {}

  /** {@code body} with its read failures tagged and its declared length enforced. */
  public static Body tagged(Body body) {
    if (body.isEmpty() || body.isReplayable()) {
      return body;
    }
    return Body.of(new Stream(body.stream(), body.contentLength()), body.contentLength());
  }

  /** Whether {@code e} (or anything it carries) says the client's body failed or was too large. */
  public static boolean failed(Throwable e) {
    return find(e, Failure.class) != null || find(e, Body.BodyTooLargeException.class) != null;
  }

  /** The first throwable of {@code type} in {@code e}'s causes and suppressed exceptions. */
  public static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      for (Throwable s : t.getSuppressed()) {
        T found = find(s, type);
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

  /** The client went away or sent a broken body while it was being forwarded. */
  public static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;

    Failure(IOException cause) {
      super("reading the client's request body failed", cause);
    }
  }

  /** A body that ends early or runs long is the client's fault, not the upstream's. */
  private static final class Stream extends FilterInputStream {
    private final long declared;
    private long count;

    Stream(InputStream in, long declared) {
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
        throw new Failure(e);
      }
      if (declared >= 0) {
        checkLength(n);
      }
      return n;
    }

    private void checkLength(int n) throws Failure {
      if (n == -1 && count < declared) {
        throw new Failure(
            new EOFException(
                "the body ended after " + count + " of " + declared + " declared bytes"));
      }
      count += Math.max(n, 0);
      if (count > declared) {
        throw new Failure(
            new IOException("the body is longer than its declared " + declared + " bytes"));
      }
    }
  }
}
