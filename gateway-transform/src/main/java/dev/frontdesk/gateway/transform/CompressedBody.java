package dev.frontdesk.gateway.transform;

/** What a transform does with a body sent with {@code Content-Encoding: gzip}. */
public enum CompressedBody {
  /** Decoded before the transform and encoded again after it: the message keeps its coding. */
  DECODE,
  /** Passed on untransformed, as it came. */
  PASS_THROUGH
}
