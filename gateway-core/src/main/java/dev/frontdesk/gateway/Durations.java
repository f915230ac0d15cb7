package dev.frontdesk.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * The duration checks every Frontdesk builder uses, worded once, so that each module's setters
 * refuse the same mistake with the same message. Extension modules call these too.
 *
 * <pre>{@code
 * this.timeout = Durations.positive(timeout, "timeout"); // "timeout must be positive: PT0S"
 * }</pre>
 */
public final class Durations {
  private Durations() {}

  /**
   * Returns {@code d} when it is above zero.
   *
   * @throws NullPointerException naming {@code name} when {@code d} is null
   * @throws IllegalArgumentException {@code "<name> must be positive: <d>"} otherwise
   */
  public static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  /**
   * Returns {@code d} when it is zero or more.
   *
   * @throws NullPointerException naming {@code name} when {@code d} is null
   * @throws IllegalArgumentException {@code "<name> must not be negative: <d>"} otherwise
   */
  public static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }
}
