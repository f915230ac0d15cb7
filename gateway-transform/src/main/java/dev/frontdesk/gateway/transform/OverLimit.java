package dev.frontdesk.gateway.transform;

/** What a transform does with a body larger than its {@code maxBodySize}. */
public enum OverLimit {
  /** The message goes on untouched and streaming: nothing is lost, nothing is transformed. */
  PASS_THROUGH,
  /** The message is refused: 413 for a client's request, 502 for an upstream's response. */
  REFUSE
}
