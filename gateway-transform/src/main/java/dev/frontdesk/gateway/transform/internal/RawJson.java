package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value that no step reaches, kept as the bytes it was sent as and written back as they are
 * (a generator's {@code writeRawValue}), without insignificant whitespace so that the output stays
 * compact. No text is decoded or encoded: numbers and string escapes go out exactly as they came.
 * The parser has already checked that the bytes are one valid JSON value, which is what makes the
 * whitespace scan below sound (outside strings, only whitespace is at or below a space).
 */
final class RawJson implements SerializableString {
  private final byte[] bytes;
  private final int start;
  private final int end;

  RawJson(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    return end - start > buffer.length - offset ? -1 : copy(buffer, offset);
  }

  @Override
  public byte[] asUnquotedUTF8() {
    byte[] out = new byte[end - start];
    int length = copy(out, 0);
    return length == out.length ? out : Arrays.copyOf(out, length);
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws IOException {
    byte[] compact = asUnquotedUTF8();
    out.write(compact);
    return compact.length;
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer buffer) {
    if (end - start > buffer.remaining()) {
      return -1;
    }
    byte[] compact = asUnquotedUTF8();
    buffer.put(compact);
    return compact.length;
  }

  @Override
  public String getValue() {
    return new String(asUnquotedUTF8(), StandardCharsets.UTF_8);
  }

  @Override
  public int charLength() {
    return getValue().length();
  }

  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    String value = getValue();
    if (value.length() > buffer.length - offset) {
      return -1;
    }
    value.getChars(0, value.length(), buffer, offset);
    return value.length();
  }

  // The quoted forms are a string's; a raw value is written unquoted, but the contract asks for
  // them.

  @Override
  public char[] asQuotedChars() {
    return quoted().asQuotedChars();
  }

  @Override
  public byte[] asQuotedUTF8() {
    return quoted().asQuotedUTF8();
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    return quoted().appendQuotedUTF8(buffer, offset);
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    return quoted().appendQuoted(buffer, offset);
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) throws IOException {
    return quoted().writeQuotedUTF8(out);
  }

  @Override
  public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
    return quoted().putQuotedUTF8(buffer);
  }

  private SerializedString quoted() {
    return new SerializedString(getValue());
  }

  @Override
  public String toString() {
    return getValue();
  }

  /** Copies the value to {@code out} at {@code at} without insignificant whitespace; the length. */
  private int copy(byte[] out, int at) {
    int space = firstSpace();
    if (space < 0) {
      System.arraycopy(bytes, start, out, at, end - start);
      return end - start;
    }
    System.arraycopy(bytes, start, out, at, space - start);
    int o = at + space - start;
    boolean inString = false;
    for (int i = space; i < end; i++) {
      byte b = bytes[i];
      if (inString) {
        out[o++] = b;
        if (b == '\\') {
          out[o++] = bytes[++i];
        } else if (b == '"') {
          inString = false;
        }
      } else if ((b & 0xFF) > ' ') {
        out[o++] = b;
        inString = b == '"';
      }
    }
    return o - at;
  }

  /** The first whitespace outside a string, or -1: most bodies are compact already. */
  private int firstSpace() {
    for (int i = start; i < end; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '"') {
        for (b = bytes[++i]; b != '"'; b = bytes[++i]) {
          if (b == '\\') {
            i++;
          }
        }
      } else if (b <= ' ') {
        return i;
      }
    }
    return -1;
  }
}
