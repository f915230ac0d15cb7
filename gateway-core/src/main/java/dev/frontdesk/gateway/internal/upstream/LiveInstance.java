package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.internal.http.Origin;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Instance} as a group serves it: the instance as declared or discovered, plus its live
 * state: requests in flight, consecutive failures, ejection, active health and (per-instance scope)
 * its circuit. Survives discovery updates that keep the instance, so its history is not forgotten.
 */
public final class LiveInstance {
  /** An instant before any reading of any ticker: the ejection end of one never ejected. */
  static final long NEVER = Long.MIN_VALUE;

  private final Instance instance;
  private final Origin origin;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger consecutiveFailures = new AtomicInteger();
  volatile long ejectedUntilMillis = NEVER; // on the gateway's ticker, which may read below 0
  int ejections; // guarded by the group's OutlierDetector
  long lastEjectionEndMillis; // guarded by the group's OutlierDetector
  volatile boolean healthy;
  int healthStreak; // health checker callbacks only, guarded by this
  boolean
      healthRecovering; // a check failed since the last healthyThreshold passes; guarded by this
  final @Nullable CircuitBreaker breaker;

  public LiveInstance(Instance instance, boolean healthy, @Nullable CircuitBreaker breaker) {
    this.instance = instance;
    this.origin = Origin.parse(instance.url());
    this.healthy = healthy;
    this.breaker = breaker;
  }

  /** A healthy instance without a circuit breaker: for pickers used on their own. */
  public static LiveInstance of(Instance instance) {
    return new LiveInstance(instance, true, null);
  }

  /** The instance as declared or discovered. */
  public Instance instance() {
    return instance;
  }

  /** Where requests to this instance go, parsed once. */
  public Origin origin() {
    return origin;
  }

  public int weight() {
    return instance.weight();
  }

  /** Requests sent to this instance whose response headers have not arrived yet. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Counts a request sent to this instance, until {@link #requestAnswered()}. */
  public void requestSent() {
    inFlight.incrementAndGet();
  }

  /** Counts the end of a request counted by {@link #requestSent()}. */
  public void requestAnswered() {
    inFlight.decrementAndGet();
  }

  /** Whether the instance takes traffic: not ejected, passing health checks, circuit not open. */
  public boolean available(long nowMillis) {
    return healthy
        && nowMillis >= ejectedUntilMillis
        && (breaker == null || !breaker.isOpen(nowMillis));
  }

  public boolean isEjected(long nowMillis) {
    return nowMillis < ejectedUntilMillis;
  }

  /**
   * Starts from a copy of {@code previous}'s state (another gateway's instance of the same
   * instance): health, health-check streak, consecutive failures, ejection and its history, and the
   * circuit. Only values are copied.
   */
  void inherit(LiveInstance previous) {
    synchronized (previous) {
      healthy = previous.healthy;
      healthStreak = previous.healthStreak;
      healthRecovering = previous.healthRecovering;
    }
    consecutiveFailures.set(previous.consecutiveFailures.get());
    ejectedUntilMillis = previous.ejectedUntilMillis;
    ejections = previous.ejections;
    lastEjectionEndMillis = previous.lastEjectionEndMillis;
    if (breaker != null && previous.breaker != null) {
      breaker.inherit(previous.breaker);
    }
  }

  @Override
  public String toString() {
    return instance.url();
  }
}
