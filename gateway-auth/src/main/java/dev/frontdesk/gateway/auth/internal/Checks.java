package dev.frontdesk.gateway.auth.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the argument. */
public final class Checks {
  private Checks() {}

  public static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
