package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * A server-streaming call's messages as a response body, produced as they arrive: a JSON array
 * ({@code [{...},{...}]}) or newline-delimited JSON, one compact message per line. {@link
 * #available()} is zero between messages, so the servlet adapter flushes what it has before it
 * waits for the next. A failure after the first byte can no longer change the status: the stream
 * fails with an {@link IOException}, and the client's response is cut off rather than passed off as
 * complete. Closing the body cancels the call.
 */
final class JsonStream extends InputStream {
  private static final byte[] NONE = new byte[0];

  private final Iterator<DynamicMessage> messages;
  private final JsonFormat.Printer printer;
  private final boolean ndjson;
  private final Context.CancellableContext call;
  private final String method;
  private byte[] chunk = NONE;
  private int pos;
  private boolean started;
  private boolean first = true;
  private boolean done;

  JsonStream(
      Iterator<DynamicMessage> messages,
      JsonFormat.Printer printer,
      boolean ndjson,
      Context.CancellableContext call,
      String method) {
    this.messages = messages;
    this.printer = printer;
    this.ndjson = ndjson;
    this.call = call;
    this.method = method;
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
    while (pos == chunk.length) {
      if (!advance()) {
        return -1;
      }
    }
    int n = Math.min(len, chunk.length - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return chunk.length - pos;
  }

  private boolean advance() throws IOException {
    if (done) {
      return false;
    }
    pos = 0;
    if (!started) {
      started = true;
      if (!ndjson) {
        chunk = "[".getBytes(StandardCharsets.UTF_8);
        return true;
      }
    }
    try {
      if (!messages.hasNext()) {
        done = true;
        chunk = ndjson ? NONE : "]".getBytes(StandardCharsets.UTF_8);
        return !ndjson;
      }
      String json = printer.print(messages.next());
      String separator = ndjson || first ? "" : ",";
      first = false;
      chunk = (separator + json + (ndjson ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
      return true;
    } catch (StatusRuntimeException e) {
      done = true;
      throw new IOException(
          method
              + " failed after its response began: "
              + e.getStatus().getCode()
              + (e.getStatus().getDescription() == null
                  ? ""
                  : ": " + e.getStatus().getDescription()),
          e);
    } catch (InvalidProtocolBufferException e) {
      done = true;
      call.cancel(e);
      throw new IOException(
          method + " sent a message that cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    done = true;
    call.cancel(null);
  }
}
