package dev.frontdesk.gateway.internal.websocket;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import okio.ByteString;

/**
 * Writes frames to the client, unmasked as a server's are (RFC 6455 §5.1), each message in one
 * frame. Two threads write (the upstream's reader relays messages, the client's reader answers
 * pings), so each frame is written whole under a lock; a write blocks while the client is slow to
 * read, which is what slows the upstream down.
 */
final class FrameWriter {
  private final OutputStream out;
  private boolean closeSent;

  FrameWriter(OutputStream out) {
    this.out = out;
  }

  synchronized void text(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    header(FrameReader.TEXT, bytes.length);
    out.write(bytes);
    out.flush();
  }

  synchronized void binary(ByteString bytes) throws IOException {
    header(FrameReader.BINARY, bytes.size());
    bytes.write(out);
    out.flush();
  }

  synchronized void pong(byte[] payload) throws IOException {
    if (!closeSent) { // nothing may follow a close frame (RFC 6455 §5.5.1)
      header(FrameReader.PONG, payload.length);
      out.write(payload);
      out.flush();
    }
  }

  /**
   * Sends a close frame once; false when one was already sent. Code 1005 (none was given) is sent
   * as an empty payload, since it must never appear in a frame (RFC 6455 §7.4.1).
   */
  synchronized boolean close(int code, String reason) throws IOException {
    if (closeSent) {
      return false;
    }
    closeSent = true;
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int reasonLength = Math.min(text.length, 123);
    if (code == 1005) {
      header(FrameReader.CLOSE, 0);
    } else {
      header(FrameReader.CLOSE, 2 + reasonLength);
      out.write(code >> 8);
      out.write(code);
      out.write(text, 0, reasonLength);
    }
    out.flush();
    return true;
  }

  synchronized boolean closeSent() {
    return closeSent;
  }

  private void header(int opcode, long length) throws IOException {
    out.write(0x80 | opcode);
    if (length < 126) {
      out.write((int) length);
    } else if (length <= 0xFFFF) {
      out.write(126);
      out.write((int) (length >> 8));
      out.write((int) length);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (length >> shift));
      }
    }
  }
}
