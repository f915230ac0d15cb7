package dev.frontdesk.gateway.internal.websocket;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import okio.ByteString;

/**
 * Writes frames to the client, unmasked as a server's are (RFC 6455 §5.1), each message in one
 * frame. Two threads write (the upstream's reader relays messages, the client's reader answers
 * pings), so each frame is written whole under a lock; a write blocks while the client is slow to
 * read, which is what slows the upstream down. A thread that must not wait on such a client (the
 * idle timer, the gateway closing) uses {@link #tryClose}.
 */
final class FrameWriter {
  private final OutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closeSent;

  FrameWriter(OutputStream out) {
    this.out = out;
  }

  void text(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      header(FrameReader.TEXT, bytes.length);
      out.write(bytes);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  void binary(ByteString bytes) throws IOException {
    lock.lock();
    try {
      header(FrameReader.BINARY, bytes.size());
      bytes.write(out);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  void pong(byte[] payload) throws IOException {
    lock.lock();
    try {
      if (!closeSent) { // nothing may follow a close frame (RFC 6455 §5.5.1)
        header(FrameReader.PONG, payload.length);
        out.write(payload);
        out.flush();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends a close frame once; false when one was already sent. Code 1005 (none was given) is sent
   * as an empty payload, since it must never appear in a frame (RFC 6455 §7.4.1).
   */
  boolean close(int code, String reason) throws IOException {
    lock.lock();
    try {
      return writeClose(code, reason);
    } finally {
      lock.unlock();
    }
  }

  /**
   * As {@link #close}, unless another frame is being written: false then, without waiting, since
   * that write is held by a client that is not reading and a close frame could not reach it either.
   */
  boolean tryClose(int code, String reason) throws IOException {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      writeClose(code, reason);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean writeClose(int code, String reason) throws IOException {
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

  boolean closeSent() {
    lock.lock();
    try {
      return closeSent;
    } finally {
      lock.unlock();
    }
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
