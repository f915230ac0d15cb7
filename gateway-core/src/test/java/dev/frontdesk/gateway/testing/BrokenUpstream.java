package dev.frontdesk.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 upstream that misbehaves on purpose: for every connection it reads the request
 * head, writes exactly the bytes it was given and closes the socket ({@link #writing}), or runs a
 * script of its own ({@link #scripted}). {@code BrokenUpstream.writing("HTTP/1.1 200
 * OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(10))} dies in the middle of a body, which
 * MockWebServer cannot express byte-exactly.
 */
public final class BrokenUpstream implements Closeable {
  private final ServerSocket server;
  private final Script script;
  private final AtomicInteger connections = new AtomicInteger();

  /** What the upstream does with one accepted connection; the connection is closed after it. */
  @FunctionalInterface
  public interface Script {
    void run(Socket socket) throws IOException, InterruptedException;
  }

  private BrokenUpstream(Script script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    Thread thread = new Thread(this::serve, "broken-upstream-" + server.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts an upstream that answers every connection with {@code rawResponse} (ISO-8859-1) and
   * closes it.
   */
  public static BrokenUpstream writing(String rawResponse) throws IOException {
    byte[] answer = rawResponse.getBytes(StandardCharsets.ISO_8859_1);
    return new BrokenUpstream(
        socket -> {
          readHead(socket.getInputStream());
          OutputStream out = socket.getOutputStream();
          out.write(answer);
          out.flush();
        });
  }

  /** Starts an upstream that runs {@code script} on every connection, one connection at a time. */
  public static BrokenUpstream scripted(Script script) throws IOException {
    return new BrokenUpstream(script);
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** How many connections were accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        connections.incrementAndGet();
        script.run(socket);
      } catch (IOException e) {
        // closed by close(), or the client went away: either way, next connection
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Reads a request head, up to its empty line. */
  public static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; matched < 4 && (b = in.read()) != -1; ) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
