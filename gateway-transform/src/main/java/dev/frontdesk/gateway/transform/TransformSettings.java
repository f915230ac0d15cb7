package dev.frontdesk.gateway.transform;

import dev.frontdesk.gateway.BuilderProblems;
import java.util.Objects;

/**
 * The body settings both transform builders share, and the mistakes their setters recorded, each
 * naming the transform; the last call of an option wins, and a refused value leaves it as it was.
 */
final class TransformSettings {
  static final long DEFAULT_MAX_BODY_SIZE = 1L << 20;

  final String name;
  final BuilderProblems problems;
  long maxBodySize = DEFAULT_MAX_BODY_SIZE;
  OverLimit overLimit = OverLimit.PASS_THROUGH;
  CompressedBody compressedBody = CompressedBody.DECODE;

  TransformSettings(String name) {
    this.name = Objects.requireNonNull(name, "name");
    this.problems = new BuilderProblems("transform '" + name + "': ");
    if (name.isBlank()) {
      problems.add("name must not be blank");
    }
  }

  void maxBodySize(long bytes) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
      problems.add("maxBodySize must be 1.." + (Integer.MAX_VALUE - 8) + ": " + bytes);
    } else {
      maxBodySize = bytes;
    }
  }

  void overLimit(OverLimit value) {
    overLimit = Objects.requireNonNull(value, "overLimit");
  }

  void compressedBody(CompressedBody value) {
    compressedBody = Objects.requireNonNull(value, "compressedBody");
  }
}
