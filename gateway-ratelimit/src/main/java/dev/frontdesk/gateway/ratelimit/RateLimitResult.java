package dev.frontdesk.gateway.ratelimit;

/**
 * The outcome of one attempt to take a token from a bucket: whether the request may go on, how many
 * tokens remain, and how long until a token (or the whole bucket) is back. Backends create these;
 * the {@link RateLimiter} turns them into responses and headers.
 */
public final class RateLimitResult {
  private final boolean allowed;
  private final long remaining;
  private final long nanosToRetry;
  private final long nanosToReset;

  private RateLimitResult(boolean allowed, long remaining, long nanosToRetry, long nanosToReset) {
    if (remaining < 0 || nanosToRetry < 0 || nanosToReset < 0) {
      throw new IllegalArgumentException(
          "remaining, nanosToRetry and nanosToReset must be >= 0: "
              + remaining
              + ", "
              + nanosToRetry
              + ", "
              + nanosToReset);
    }
    this.allowed = allowed;
    this.remaining = remaining;
    this.nanosToRetry = nanosToRetry;
    this.nanosToReset = nanosToReset;
  }

  /**
   * A token was taken.
   *
   * @param remaining tokens left after this request
   * @param nanosToReset time until the bucket is full again
   */
  public static RateLimitResult allowed(long remaining, long nanosToReset) {
    return new RateLimitResult(true, remaining, 0, nanosToReset);
  }

  /**
   * No token was available.
   *
   * @param remaining tokens left (fewer than the request needed)
   * @param nanosToRetry time until enough tokens are back for this request
   * @param nanosToReset time until the bucket is full again
   */
  public static RateLimitResult rejected(long remaining, long nanosToRetry, long nanosToReset) {
    return new RateLimitResult(false, remaining, nanosToRetry, nanosToReset);
  }

  /** True when a token was taken and the request may go on. */
  public boolean isAllowed() {
    return allowed;
  }

  /** Tokens left in the bucket (across bandwidths, the fewest). */
  public long remaining() {
    return remaining;
  }

  /** For a rejected request, the wait before a retry can pass; 0 when allowed. */
  public long nanosToRetry() {
    return nanosToRetry;
  }

  /** Time until the bucket is full again: the reset of the rate-limit headers. */
  public long nanosToReset() {
    return nanosToReset;
  }

  @Override
  public String toString() {
    return (allowed ? "allowed" : "rejected")
        + "{remaining="
        + remaining
        + ", nanosToRetry="
        + nanosToRetry
        + ", nanosToReset="
        + nanosToReset
        + "}";
  }
}
