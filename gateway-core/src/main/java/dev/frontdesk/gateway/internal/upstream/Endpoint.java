package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.internal.UpstreamInstances;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One instance of an upstream group with its live state: requests in flight, consecutive failures,
 * ejection, active health and (per-instance scope) its circuit. Survives discovery updates that
 * keep the instance, so its history is not forgotten.
 */
public final class Endpoint {
  private final Instance instance;
  private final HttpUrl base;
  private final String basePath;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger consecutiveFailures = new AtomicInteger();
  volatile long ejectedUntilMillis;
  int ejections; // guarded by the group's OutlierDetector
  long lastEjectionEndMillis; // guarded by the group's OutlierDetector
  volatile boolean healthy;
  int healthStreak; // health checker callbacks only, guarded by this
  final @Nullable CircuitBreaker breaker;

  public Endpoint(Instance instance, boolean healthy, @Nullable CircuitBreaker breaker) {
    UpstreamInstances.Instance parsed = UpstreamInstances.Instance.parse(instance.url());
    this.instance = instance;
    this.base = parsed.base();
    this.basePath = parsed.basePath();
    this.healthy = healthy;
    this.breaker = breaker;
  }

  /** A healthy endpoint without a circuit breaker: for pickers used on their own. */
  public static Endpoint of(Instance instance) {
    return new Endpoint(instance, true, null);
  }

  public Instance instance() {
    return instance;
  }

  public int weight() {
    return instance.weight();
  }

  /** Requests sent to this endpoint whose response headers have not arrived yet. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Counts a request sent to this endpoint, until {@link #requestAnswered()}. */
  public void requestSent() {
    inFlight.incrementAndGet();
  }

  /** Counts the end of a request counted by {@link #requestSent()}. */
  public void requestAnswered() {
    inFlight.decrementAndGet();
  }

  /** The URL for a request path (raw, canonical) and query. */
  public HttpUrl url(String path, @Nullable String query) {
    HttpUrl.Builder b = base.newBuilder().encodedPath(basePath + path);
    if (query != null) {
      b.encodedQuery(query);
    }
    return b.build();
  }

  /** Whether the endpoint takes traffic: not ejected, passing health checks, circuit not open. */
  public boolean available(long nowMillis) {
    return healthy && nowMillis >= ejectedUntilMillis && (breaker == null || !breaker.isOpen(nowMillis));
  }

  public boolean isEjected(long nowMillis) {
    return nowMillis < ejectedUntilMillis;
  }

  public boolean isHealthy() {
    return healthy;
  }

  @Override
  public String toString() {
    return instance.url();
  }
}
