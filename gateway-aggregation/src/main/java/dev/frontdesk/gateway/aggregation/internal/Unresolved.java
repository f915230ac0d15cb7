package dev.frontdesk.gateway.aggregation.internal;

/**
 * A template reference had no usable value at request time. Carries the status the client gets when
 * the leg is required: 400 for missing client input, 401 for a missing identity, 502 when an
 * earlier leg's answer lacks the value.
 */
public final class Unresolved extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String message;

  public Unresolved(int status, String message) {
    super(message, null, false, false);
    this.status = status;
    this.message = message;
  }

  /**
   * Never null, unlike {@link Throwable#getMessage()}: it names the reference that had no value.
   */
  @Override
  public String getMessage() {
    return message;
  }

  public int status() {
    return status;
  }
}
