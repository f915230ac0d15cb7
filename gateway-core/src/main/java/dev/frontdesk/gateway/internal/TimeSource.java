package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.internal.http.Deadlines;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's one time source ({@code Gateway.Builder.ticker}): what every request-scoped
 * duration and deadline reads (an exchange's start, attempt timing, the retry deadline) and the one
 * place that waits by it (retry back-off, shutdown's grace). With {@link Ticker#system()} a wait is
 * one sleep or one monitor wait, as without this class; with any other ticker (a test's {@code
 * FakeClock}) a wait re-reads the ticker every millisecond of real time, so it ends within a
 * millisecond of the test advancing the ticker past its end, and a test never sleeps to let it
 * pass.
 *
 * <p>Real time remains where the operating system keeps it for us, and there only: the transport's
 * socket deadlines ({@link Deadlines} are {@link System#nanoTime()} instants that socket timeouts
 * and the reaper thread enforce) and the scheduler that runs health-check rounds and discovery
 * refreshes. A deadline computed here crosses into the transport through {@link #toTransport},
 * which carries over the time left, not the instant.
 */
public final class TimeSource {
  /** Real time: {@link System#nanoTime()}. */
  public static final TimeSource SYSTEM = new TimeSource(Ticker.system());

  /** How often a wait on a fake ticker looks at it again. */
  private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Ticker ticker;
  private final boolean real; // instants are System.nanoTime()'s, and waits can be one sleep

  private TimeSource(Ticker ticker) {
    this.ticker = ticker;
    this.real = ticker == Ticker.system();
  }

  public static TimeSource of(Ticker ticker) {
    return ticker == Ticker.system() ? SYSTEM : new TimeSource(ticker);
  }

  public Ticker ticker() {
    return ticker;
  }

  /** Now, in nanoseconds. */
  public long read() {
    return real ? System.nanoTime() : ticker.read();
  }

  /**
   * The transport's instant ({@link System#nanoTime()}) by which as much time is left as is left on
   * this ticker until {@code instant}, given that it reads {@code now}; {@link Deadlines#NONE}
   * stays none.
   */
  public long toTransport(long instant, long now) {
    if (real || instant == Deadlines.NONE) {
      return instant;
    }
    long left = instant - now;
    long transportNow = System.nanoTime();
    return left > Deadlines.NONE - transportNow ? Deadlines.NONE : transportNow + left;
  }

  /**
   * Now, in whole milliseconds: what upstreams time ejections, circuit windows and retry budgets
   * by. Like {@link #read}, it may be negative; only differences mean anything.
   */
  public long millis() {
    return Math.floorDiv(read(), 1_000_000L);
  }

  /** Returns once {@code nanos} have passed on the ticker. */
  public void sleep(long nanos) throws InterruptedException {
    if (real) {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return;
    }
    long until = ticker.read() + nanos;
    for (long left = nanos; left > 0; left = until - ticker.read()) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, STEP_NANOS));
    }
  }

  /**
   * One wait on {@code monitor} (held by the caller) for at most {@code nanos} on the ticker; it
   * may end earlier (a notification, a spurious wake-up, a step of a fake ticker), so the caller
   * checks its condition and the time left again.
   */
  public void waitOn(Object monitor, long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.timedWait(monitor, real ? nanos : Math.min(nanos, STEP_NANOS));
  }

  @Override
  public String toString() {
    return "TimeSource{" + ticker + "}";
  }
}
