package dev.frontdesk.gateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock that a test can set back, as an NTP correction or an operator sets a real one back.
 * {@link FakeClock} cannot: it is also a {@link dev.frontdesk.gateway.Ticker}, and a ticker never
 * goes backwards. Use this one only to show that something timed by a wall clock survives a step.
 */
public final class WallClock extends Clock {
  private volatile Instant now;

  public WallClock(Instant start) {
    this.now = start;
  }

  /** Sets the clock back by {@code step}. */
  public void setBack(Duration step) {
    now = now.minus(step);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock in UTC");
  }
}
