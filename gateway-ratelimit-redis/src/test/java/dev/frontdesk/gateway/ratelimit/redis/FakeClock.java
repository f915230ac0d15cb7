package dev.frontdesk.gateway.ratelimit.redis;

import dev.frontdesk.gateway.ratelimit.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Wall-clock nanoseconds that move only when a test says so; shared by two "instances". */
final class FakeClock implements Ticker {
  private final AtomicLong nanos = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
