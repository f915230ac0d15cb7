package dev.frontdesk.gateway.aggregation.internal;

/** Ends one leg: carried from where it failed to {@link LegRunner}, which records the outcome. */
final class LegFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String error;
  final int failureStatus;
  final int upstreamStatus;
  private final String message;

  LegFailure(String error, int failureStatus, int upstreamStatus, String message) {
    super(message, null, false, false);
    this.message = message;
    this.error = error;
    this.failureStatus = failureStatus;
    this.upstreamStatus = upstreamStatus;
  }

  /** Never null, unlike {@link Throwable#getMessage()}: every failure says what went wrong. */
  @Override
  public String getMessage() {
    return message;
  }

  static LegFailure timeout(String message) {
    return new LegFailure("timeout", 504, 0, message);
  }

  static LegFailure bad(String error, String message) {
    return new LegFailure(error, 502, 0, message);
  }
}
