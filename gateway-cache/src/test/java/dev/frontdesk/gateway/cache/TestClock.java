package dev.frontdesk.gateway.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves forward, so that responses go stale without sleeping. */
final class TestClock extends Clock {
  static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
  private final AtomicLong millis = new AtomicLong(START.toEpochMilli());

  void advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
  }

  /** An IMF-fixdate {@code seconds} from now, for Date, Expires and Last-Modified. */
  String httpDate(long seconds) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(instant().plusSeconds(seconds), ZoneOffset.UTC));
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
