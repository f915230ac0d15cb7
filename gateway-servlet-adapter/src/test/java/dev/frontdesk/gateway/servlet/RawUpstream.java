package dev.frontdesk.gateway.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * An upstream on a plain server socket that reads one request head and then runs a script on the
 * raw output stream: for what MockWebServer cannot do (die in the middle of a body, pause until the
 * test says so, never answer).
 */
final class RawUpstream implements AutoCloseable {
  /** What the upstream writes once it has read a request head. */
  @FunctionalInterface
  interface Script {
    void run(OutputStream out) throws Exception;
  }

  private final ServerSocket server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicReference<String> lastHead = new AtomicReference<>("");

  RawUpstream(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> serve(script), "raw-upstream");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(Script script) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        lastHead.set(readHead(socket.getInputStream()));
        requests.incrementAndGet();
        script.run(socket.getOutputStream());
      } catch (IOException closedOrReset) {
        // the test closed the server socket, or the gateway gave up on the connection
      } catch (Exception | AssertionError e) {
        failure.set(e);
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    while (matched < end.length) {
      int c = in.read();
      if (c == -1) {
        throw new IOException("connection closed before the request head ended");
      }
      head.append((char) c);
      matched = c == end[matched] ? matched + 1 : (c == end[0] ? 1 : 0);
    }
    return head.toString();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  /** The value of a header in the last request head read, or null. */
  @Nullable String lastRequestHeader(String name) {
    for (String line : lastHead.get().split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /** Request heads read so far. */
  int requestCount() {
    return requests.get();
  }

  /** Throws whatever the script threw, so that a broken fixture never passes silently. */
  void rethrowFailure() throws Exception {
    Throwable t = failure.get();
    if (t instanceof Exception e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
