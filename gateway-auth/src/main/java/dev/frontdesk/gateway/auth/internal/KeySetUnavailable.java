package dev.frontdesk.gateway.auth.internal;

/** The key set was never loaded, so no token can be checked: the gateway answers 503. */
public final class KeySetUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeySetUnavailable(String message) {
    super(message, null, false, false);
  }
}
