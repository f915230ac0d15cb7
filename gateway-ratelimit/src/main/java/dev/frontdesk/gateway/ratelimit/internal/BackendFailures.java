package dev.frontdesk.gateway.ratelimit.internal;

import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.RateLimitBackendException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts backend failures and logs outages, not checks: one warning when the backend starts
 * failing, and one line when it has answered for {@link #QUIET} without a failure, with how many
 * checks failed in between. A backend that only times out now and then (a slow Redis) is one outage
 * until it is quiet again, rather than a warning and a recovery per flapping check.
 */
public final class BackendFailures {
  /** How long the backend must answer without a failure before an outage counts as over. */
  public static final Duration QUIET = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(BackendFailures.class);

  private final String limiterName;
  private final Ticker ticker;
  private final LongAdder count = new LongAdder();
  private volatile boolean failing;
  private volatile long lastFailure;
  private long outageStart; // guarded by this
  private long countAtOutageStart; // guarded by this

  public BackendFailures(String limiterName, Ticker ticker) {
    this.limiterName = limiterName;
    this.ticker = ticker;
  }

  public void failed(RateLimitBackendException e) {
    count.increment();
    lastFailure = ticker.read();
    if (!failing) {
      startOutage(e);
    } else {
      log.debug("rate limiter '{}': backend still unavailable: {}", limiterName, e.getMessage());
    }
  }

  private synchronized void startOutage(RateLimitBackendException e) {
    if (failing) {
      return;
    }
    failing = true;
    outageStart = lastFailure;
    countAtOutageStart = count.sum() - 1;
    log.warn(
        "rate limiter '{}': backend unavailable, applying its failure mode: {}",
        limiterName,
        e.getMessage());
  }

  /** A check the backend answered; costs one volatile read outside an outage. */
  public void answered() {
    if (failing && ticker.read() - lastFailure >= QUIET.toNanos()) {
      endOutage();
    }
  }

  private synchronized void endOutage() {
    if (!failing || ticker.read() - lastFailure < QUIET.toNanos()) {
      return;
    }
    failing = false;
    long failed = count.sum() - countAtOutageStart;
    long seconds = Duration.ofNanos(lastFailure - outageStart).toSeconds();
    log.info(
        "rate limiter '{}': backend answers again; {} checks failed over {} s, none in the last {} s",
        limiterName,
        failed,
        seconds,
        QUIET.toSeconds());
  }

  public long count() {
    return count.sum();
  }
}
