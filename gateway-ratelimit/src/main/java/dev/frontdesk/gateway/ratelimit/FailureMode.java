package dev.frontdesk.gateway.ratelimit;

/** What a {@link RateLimiter} does when its backend cannot answer (Redis down or too slow). */
public enum FailureMode {
  /**
   * Limit from a bucket in this process that holds this instance's share of the limit (see {@link
   * RateLimiter.Builder#expectedInstances}), log a warning once per outage and count the failures:
   * an outage of the limiter's store becomes neither an outage of the API nor a free-for-all. The
   * default.
   */
  OPEN,
  /**
   * Answer 503 with {@code Retry-After}: for limits that protect something that must not be
   * overrun.
   */
  CLOSED
}
