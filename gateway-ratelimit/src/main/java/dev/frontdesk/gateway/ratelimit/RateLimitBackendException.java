package dev.frontdesk.gateway.ratelimit;

/**
 * A backend could not answer, for example because Redis is unreachable. The {@link RateLimiter}
 * catches it and applies its {@link FailureMode}: let the request through, or answer 503.
 */
public final class RateLimitBackendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure to reach the store; {@code cause} is the client library's exception. */
  public RateLimitBackendException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A backend that cannot answer for a reason of its own, such as being closed. */
  public RateLimitBackendException(String message) {
    super(message);
  }
}
