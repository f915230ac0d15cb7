package dev.frontdesk.gateway.testing;

import dev.frontdesk.gateway.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one fake time source for tests: a {@link Clock} and a {@link Ticker} that move only when the
 * test calls {@link #advance}, so expiry, refills, ejections, circuits and cache ages are tested
 * without sleeping. Hand the same object to every builder that takes a clock or a ticker. Its
 * ticker reads wall-clock nanoseconds since the epoch, so it also serves backends shared by several
 * gateways (the Redis rate limits).
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
 * Gateway.builder().ticker(clock).upstream(...)...; // ejections, circuits, retry back-off
 * clock.advance(Duration.ofSeconds(30)); // the ejection is over
 * }</pre>
 */
public final class FakeClock extends Clock implements Ticker {
  /** Where {@link #FakeClock()} starts. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicLong nanos;

  /** A clock at {@link #DEFAULT_START}. */
  public FakeClock() {
    this(DEFAULT_START);
  }

  private FakeClock(Instant start) {
    this.nanos =
        new AtomicLong(
            Math.addExact(
                Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L), start.getNano()));
  }

  /** A clock at this ISO-8601 instant, such as {@code "2026-11-30T12:00:00Z"}. */
  public static FakeClock at(String instant) {
    return new FakeClock(Instant.parse(instant));
  }

  /** A clock at this instant. */
  public static FakeClock at(Instant instant) {
    return new FakeClock(instant);
  }

  /** Moves time forward (never back: a {@link Ticker} never goes backwards). */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + duration);
    }
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public long read() {
    return nanos.get();
  }

  @Override
  public long millis() {
    return Math.floorDiv(nanos.get(), 1_000_000L);
  }

  @Override
  public Instant instant() {
    long now = nanos.get();
    return Instant.ofEpochSecond(
        Math.floorDiv(now, 1_000_000_000L), Math.floorMod(now, 1_000_000_000L));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock: a fake clock has one zone, UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "FakeClock{" + instant() + "}";
  }
}
