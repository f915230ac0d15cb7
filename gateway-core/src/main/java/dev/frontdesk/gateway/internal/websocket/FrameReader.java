package dev.frontdesk.gateway.internal.websocket;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the frames a client sends on its upgraded connection, as a server must (RFC 6455 §5.2):
 * every frame masked, no reserved bits (no extension is negotiated), control frames unfragmented
 * and at most 125 bytes. A frame that breaks a rule, or a message over the size limit, is a {@link
 * ProtocolViolation} carrying the close code to answer with.
 */
final class FrameReader {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private final DataInputStream in;
  private final int maxPayload;

  /**
   * @param maxPayload the largest payload one frame may carry (a message's limit bounds it)
   */
  FrameReader(InputStream in, int maxPayload) {
    this.in = new DataInputStream(in);
    this.maxPayload = maxPayload;
  }

  /** One frame, unmasked; EOFException when the client closed the connection between frames. */
  Frame next() throws IOException {
    int b0 = in.read();
    if (b0 == -1) {
      throw new EOFException("the client closed the connection");
    }
    int b1 = in.readUnsignedByte();
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0F;
    if ((b0 & 0x70) != 0) {
      throw new ProtocolViolation(1002, "reserved bits set without an extension (RFC 6455 §5.2)");
    }
    if ((b1 & 0x80) == 0) {
      throw new ProtocolViolation(1002, "client frames must be masked (RFC 6455 §5.1)");
    }
    boolean control = opcode >= CLOSE;
    if (opcode > BINARY && !control || opcode > PONG) {
      throw new ProtocolViolation(1002, "unknown opcode " + opcode);
    }
    long length = b1 & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    if (control && (!fin || length > 125)) {
      throw new ProtocolViolation(
          1002, "control frames must be whole and at most 125 bytes (RFC 6455 §5.5)");
    }
    if (length < 0 || length > maxPayload) {
      throw new ProtocolViolation(1009, "message larger than " + maxPayload + " bytes");
    }
    byte[] mask = new byte[4];
    in.readFully(mask);
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i & 3];
    }
    return new Frame(fin, opcode, payload);
  }

  record Frame(boolean fin, int opcode, byte[] payload) {}

  /** A frame the client should not have sent; the connection is closed with {@link #code}. */
  static final class ProtocolViolation extends IOException {
    private static final long serialVersionUID = 1L;
    final int code;
    private final String message;

    ProtocolViolation(int code, String message) {
      super(message);
      this.code = code;
      this.message = message;
    }

    /**
     * Never null, unlike {@link Throwable#getMessage()}: it is the close reason the client gets.
     */
    @Override
    public String getMessage() {
      return message;
    }
  }
}
