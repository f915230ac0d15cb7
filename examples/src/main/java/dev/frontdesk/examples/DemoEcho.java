package dev.frontdesk.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The demo's WebSocket service: sends every message back as it came. The JDK has no WebSocket
 * server and RFC 6455 is small for an echo, so this is a plain {@code ServerSocket} with a thread
 * per connection: the handshake (§4.2.2), then frames read, unmasked and written back unmasked
 * (text, binary and continuation frames keep their opcode and FIN), pings answered with pongs, a
 * close answered with the same close. Demo code: no extensions, payloads up to 1 MiB.
 */
final class DemoEcho implements AutoCloseable {
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_PAYLOAD = 1 << 20;

  private final ServerSocket server;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  private DemoEcho(ServerSocket server) {
    this.server = server;
  }

  /** Listens on an ephemeral loopback port. */
  static DemoEcho start() throws IOException {
    DemoEcho echo = new DemoEcho(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    daemon("demo-echo", echo::accept);
    return echo;
  }

  /** The base URL the gateway's route points at ({@code http}: OkHttp makes it a WebSocket). */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        daemon("demo-echo-" + socket.getPort(), () -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      String key = handshakeKey(in);
      if (key == null) {
        out.write(
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(US_ASCII));
        out.flush();
        return;
      }
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept(key)
                  + "\r\n\r\n")
              .getBytes(US_ASCII));
      out.flush();
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if (length < 0 || length > MAX_PAYLOAD) {
          frame(out, 0x88, new byte[] {0x03, (byte) 0xF1}); // 1009: too big
          return;
        }
        byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (mask != null) {
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
          }
        }
        switch (first & 0x0F) {
          case 0x8 -> { // close: the same close back, then the server ends the connection (§7.1.1)
            frame(out, 0x88, payload);
            return;
          }
          case 0x9 -> frame(out, 0x8A, payload); // ping: pong
          case 0xA -> {} // pong: nothing to do
          default -> frame(out, first, payload); // text, binary, continuation: back as they came
        }
      }
    } catch (IOException e) {
      // the client went away, or the demo is stopping
    } finally {
      connections.remove(socket);
    }
  }

  /**
   * Reads the handshake's head; its {@code Sec-WebSocket-Key}, or null when it is no WebSocket
   * handshake.
   */
  private static @Nullable String handshakeKey(InputStream in) throws IOException {
    String key = null;
    boolean upgrade = false;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("sec-websocket-key")) {
          key = value;
        } else if (name.equals("upgrade")) {
          upgrade = value.equalsIgnoreCase("websocket");
        }
      }
    }
    return upgrade ? key : null;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0 || line.size() > 8192) {
        throw new IOException("no complete handshake");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(ISO_8859_1);
  }

  private static String accept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** One unmasked frame, as a server sends them. */
  private static void frame(OutputStream out, int first, byte[] payload) throws IOException {
    out.write(first);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length <= 0xFFFF) {
      out.write(126);
      out.write(payload.length >> 8);
      out.write(payload.length);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) payload.length >> shift));
      }
    }
    out.write(payload);
    out.flush();
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops listening and drops the open connections. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
