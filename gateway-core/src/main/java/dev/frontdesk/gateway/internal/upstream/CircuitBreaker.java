package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.CircuitBreakerPolicy;
import dev.frontdesk.gateway.GatewayListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small count-based circuit breaker: closed, open, half-open, on the failure and slow-call rates
 * of the last {@code window} calls. Written here rather than taken from Resilience4j because the
 * state machine is short, the gateway's own clock drives it, and core keeps no extra dependency.
 */
public final class CircuitBreaker {
  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  /** The breaker's states. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final String name;
  private final String upstream;
  private final @Nullable String instance;
  private final GatewayListener events;
  private final CircuitBreakerPolicy policy;
  private final byte[] outcomes; // 0 ok, 1 failed, 2 slow, 3 failed and slow
  private int next;
  private int recorded;
  private int failures;
  private int slow;
  private volatile State state = State.CLOSED;
  private volatile long openUntilMillis;
  private int trialsLeft;
  private int trialsDone;
  private int trialsBad;

  /**
   * @param instance the instance this breaker guards, or null for one per upstream
   */
  public CircuitBreaker(
      String upstream,
      @Nullable String instance,
      CircuitBreakerPolicy policy,
      GatewayListener events) {
    this.name = instance == null ? upstream : upstream + " " + instance;
    this.upstream = upstream;
    this.instance = instance;
    this.events = events;
    this.policy = policy;
    this.outcomes = new byte[policy.window()];
  }

  /**
   * Takes a copy of {@code previous}'s state (another gateway's breaker with the same policy): its
   * window of outcomes, its state and, when open, until when. No event is sent: the circuit did not
   * change, it changed gateways.
   */
  public void inherit(CircuitBreaker previous) {
    if (previous == this) {
      return;
    }
    synchronized (previous) {
      synchronized (this) {
        if (previous.outcomes.length != outcomes.length) {
          return; // another policy: the gateway only pairs equal upstreams, but a window of another
          // size cannot be copied
        }
        System.arraycopy(previous.outcomes, 0, outcomes, 0, outcomes.length);
        next = previous.next;
        recorded = previous.recorded;
        failures = previous.failures;
        slow = previous.slow;
        trialsLeft = previous.trialsLeft;
        trialsDone = previous.trialsDone;
        trialsBad = previous.trialsBad;
        openUntilMillis = previous.openUntilMillis;
        state = previous.state;
      }
    }
  }

  public State state() {
    return state;
  }

  /** True while calls are refused; lock-free for pickers. */
  public boolean isOpen(long nowMillis) {
    return state == State.OPEN && nowMillis < openUntilMillis;
  }

  /** Whole seconds until an open circuit lets trial calls through (at least 1), for Retry-After. */
  public long secondsUntilHalfOpen(long nowMillis) {
    return Math.max(1, (openUntilMillis - nowMillis + 999) / 1000);
  }

  /** Asks to make a call; in half-open state only a few trial calls are let through. */
  public synchronized boolean tryAcquire(long nowMillis) {
    if (state == State.OPEN) {
      if (nowMillis < openUntilMillis) {
        return false;
      }
      state = State.HALF_OPEN;
      trialsLeft = policy.halfOpenCalls();
      trialsDone = 0;
      trialsBad = 0;
    }
    if (state == State.HALF_OPEN) {
      if (trialsLeft == 0) {
        return false;
      }
      trialsLeft--;
    }
    return true;
  }

  /** Records the outcome of a call that {@link #tryAcquire} allowed. */
  public synchronized void record(boolean failed, long durationMillis, long nowMillis) {
    boolean isSlow = durationMillis >= policy.slowCallDuration().toMillis();
    if (state == State.HALF_OPEN) {
      trialsDone++;
      trialsBad += failed || isSlow ? 1 : 0;
      if (trialsDone >= policy.halfOpenCalls()) {
        double bad = (double) trialsBad / trialsDone;
        if (bad >= policy.failureRateThreshold()) {
          open(nowMillis);
        } else {
          close();
        }
      }
      return;
    }
    if (state == State.CLOSED) {
      add((byte) ((failed ? 1 : 0) | (isSlow ? 2 : 0)));
      if (recorded >= policy.minimumCalls()
          && ((double) failures / recorded >= policy.failureRateThreshold()
              || (double) slow / recorded >= policy.slowCallRateThreshold())) {
        open(nowMillis);
      }
    }
  }

  private void add(byte outcome) {
    if (recorded == outcomes.length) {
      byte old = outcomes[next];
      failures -= old & 1;
      slow -= (old >> 1) & 1;
    } else {
      recorded++;
    }
    outcomes[next] = outcome;
    failures += outcome & 1;
    slow += (outcome >> 1) & 1;
    next = (next + 1) % outcomes.length;
  }

  private void open(long nowMillis) {
    openUntilMillis = nowMillis + policy.openDuration().toMillis();
    state = State.OPEN;
    log.warn("circuit '{}' opened for {}", name, policy.openDuration());
    events.circuitOpened(upstream, instance);
  }

  private void close() {
    next = 0;
    recorded = 0;
    failures = 0;
    slow = 0;
    state = State.CLOSED;
    log.info("circuit '{}' closed", name);
    events.circuitClosed(upstream, instance);
  }
}
