package dev.frontdesk.gateway.transform;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** The body settings both transform builders share, each settable once and checked when set. */
final class TransformSettings {
  static final long DEFAULT_MAX_BODY_SIZE = 1L << 20;

  final String name;
  long maxBodySize = DEFAULT_MAX_BODY_SIZE;
  OverLimit overLimit = OverLimit.PASS_THROUGH;
  CompressedBody compressedBody = CompressedBody.DECODE;
  private final Set<String> set = new HashSet<>();

  TransformSettings(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    this.name = name;
  }

  void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException("transform '" + name + "': " + option + " was already set");
    }
  }

  void maxBodySize(long bytes) {
    once("maxBodySize");
    if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("transform '" + name + "': maxBodySize must be 1.."
          + (Integer.MAX_VALUE - 8) + ": " + bytes);
    }
    maxBodySize = bytes;
  }

  void overLimit(OverLimit value) {
    once("overLimit");
    overLimit = Objects.requireNonNull(value, "overLimit");
  }

  void compressedBody(CompressedBody value) {
    once("compressedBody");
    compressedBody = Objects.requireNonNull(value, "compressedBody");
  }
}
