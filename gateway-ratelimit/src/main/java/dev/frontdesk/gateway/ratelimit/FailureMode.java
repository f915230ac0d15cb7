package dev.frontdesk.gateway.ratelimit;

/** What a {@link RateLimiter} does when its backend cannot answer (Redis down or too slow). */
public enum FailureMode {
  /**
   * Let the request through unlimited, log a warning and count the failure: an outage of the
   * limiter's store does not become an outage of the API. The default.
   */
  OPEN,
  /** Answer 503 with {@code Retry-After}: for limits that protect something that must not be overrun. */
  CLOSED
}
