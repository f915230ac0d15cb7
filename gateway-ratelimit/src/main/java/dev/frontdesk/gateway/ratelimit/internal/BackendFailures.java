package dev.frontdesk.gateway.ratelimit.internal;

import dev.frontdesk.gateway.ratelimit.RateLimitBackendException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts backend failures and logs the transitions: one warning when the backend starts failing
 * and one line when it answers again, rather than a warning per request during an outage.
 */
public final class BackendFailures {
  private static final Logger log = LoggerFactory.getLogger(BackendFailures.class);

  private final String limiterName;
  private final LongAdder count = new LongAdder();
  private final AtomicBoolean failing = new AtomicBoolean();

  public BackendFailures(String limiterName) {
    this.limiterName = limiterName;
  }

  public void failed(RateLimitBackendException e) {
    count.increment();
    if (failing.compareAndSet(false, true)) {
      log.warn("rate limiter '{}': backend unavailable, applying its failure mode: {}",
          limiterName, e.getMessage());
    } else {
      log.debug("rate limiter '{}': backend still unavailable: {}", limiterName, e.getMessage());
    }
  }

  public void recovered() {
    if (failing.get() && failing.compareAndSet(true, false)) {
      log.info("rate limiter '{}': backend answers again", limiterName);
    }
  }

  public long count() {
    return count.sum();
  }
}
