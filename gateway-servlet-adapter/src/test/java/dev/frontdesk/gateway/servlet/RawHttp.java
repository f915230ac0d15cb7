package dev.frontdesk.gateway.servlet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests that real clients would normalise or refuse to send
 * (dot segments, encoded slashes, hop-by-hop headers). Every request asks for {@code Connection:
 * close}, so the response ends where the stream ends.
 */
final class RawHttp {
  private RawHttp() {}

  /** Sends {@code method target} with the extra header lines and returns the whole response. */
  static Reply send(int port, String method, String target, String... headerLines)
      throws IOException {
    StringBuilder request =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:")
            .append(port)
            .append("\r\n");
    boolean hasConnection = false;
    for (String line : headerLines) {
      request.append(line).append("\r\n");
      hasConnection |= line.toLowerCase(Locale.ROOT).startsWith("connection:");
    }
    if (!hasConnection) {
      request.append("Connection: close\r\n");
    }
    request.append("\r\n");
    return Reply.parse(exchange(port, request.toString()));
  }

  /**
   * Sends {@code request} exactly as given (it should ask for {@code Connection: close}, or be
   * malformed enough that the server closes anyway) and returns every byte the server sent back.
   */
  static byte[] exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return socket.getInputStream().readAllBytes();
    }
  }

  /** A parsed response: status, header lines in order, and the (de-chunked) body. */
  record Reply(int status, List<String[]> headers, byte[] body) {
    static Reply parse(byte[] raw) throws IOException {
      String text = new String(raw, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new IOException("no complete response head in " + raw.length + " bytes: " + text);
      }
      String[] lines = text.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      List<String[]> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(
            new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()});
      }
      byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
      Reply reply = new Reply(status, headers, body);
      String te = reply.header("Transfer-Encoding");
      return te != null && te.equalsIgnoreCase("chunked")
          ? new Reply(status, headers, dechunk(body))
          : reply;
    }

    /** All values of {@code name}, in order. */
    List<String> values(String name) {
      List<String> result = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          result.add(h[1]);
        }
      }
      return result;
    }

    String header(String name) {
      List<String> values = values(name);
      return values.isEmpty() ? null : values.get(0);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
      InputStream in = new ByteArrayInputStream(chunked);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
        if (size == 0) {
          return out.toByteArray();
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length != size) {
          throw new IOException("chunk cut short: " + chunk.length + " of " + size);
        }
        out.write(chunk);
        line(in);
      }
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c == -1) {
          throw new IOException("response ended without the last chunk");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }
  }
}
