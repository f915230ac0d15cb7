package dev.frontdesk.gateway.transform;

import java.util.Objects;

/**
 * The body settings both transform builders share, checked when set; the last call of an option
 * wins.
 */
final class TransformSettings {
  static final long DEFAULT_MAX_BODY_SIZE = 1L << 20;

  final String name;
  long maxBodySize = DEFAULT_MAX_BODY_SIZE;
  OverLimit overLimit = OverLimit.PASS_THROUGH;
  CompressedBody compressedBody = CompressedBody.DECODE;

  TransformSettings(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    this.name = name;
  }

  void maxBodySize(long bytes) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "transform '"
              + name
              + "': maxBodySize must be 1.."
              + (Integer.MAX_VALUE - 8)
              + ": "
              + bytes);
    }
    maxBodySize = bytes;
  }

  void overLimit(OverLimit value) {
    overLimit = Objects.requireNonNull(value, "overLimit");
  }

  void compressedBody(CompressedBody value) {
    compressedBody = Objects.requireNonNull(value, "compressedBody");
  }
}
