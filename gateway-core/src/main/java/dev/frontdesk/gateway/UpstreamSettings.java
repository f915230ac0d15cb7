package dev.frontdesk.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The load-balancing, health, retry and timeout settings of an {@link Upstream}, with defaults. */
record UpstreamSettings(
    ServiceDiscovery discovery,
    LoadBalancing loadBalancing,
    OutlierDetection outlierDetection,
    @Nullable HealthCheck healthCheck,
    RetryPolicy retry,
    @Nullable CircuitBreakerPolicy circuitBreaker,
    @Nullable Duration tryTimeout,
    @Nullable Duration deadline) {

  /** Collects settings; each may be set once per builder call, the last call wins. */
  static final class Builder {
    private @Nullable ServiceDiscovery discovery;
    private LoadBalancing loadBalancing = LoadBalancing.roundRobin();
    private OutlierDetection outlierDetection = OutlierDetection.defaults();
    private @Nullable HealthCheck healthCheck;
    private RetryPolicy retry = RetryPolicy.defaults();
    private @Nullable CircuitBreakerPolicy circuitBreaker;
    private @Nullable Duration tryTimeout;
    private @Nullable Duration deadline;

    void discovery(ServiceDiscovery d) {
      this.discovery = Objects.requireNonNull(d, "discovery");
    }

    boolean hasDiscovery() {
      return discovery != null;
    }

    void loadBalancing(LoadBalancing p) {
      this.loadBalancing = Objects.requireNonNull(p, "policy");
    }

    void outlierDetection(OutlierDetection p) {
      this.outlierDetection = Objects.requireNonNull(p, "policy");
    }

    void healthCheck(HealthCheck c) {
      this.healthCheck = Objects.requireNonNull(c, "check");
    }

    void retry(RetryPolicy p) {
      this.retry = Objects.requireNonNull(p, "policy");
    }

    void circuitBreaker(CircuitBreakerPolicy p) {
      this.circuitBreaker = Objects.requireNonNull(p, "policy");
    }

    void tryTimeout(Duration d) {
      this.tryTimeout = d;
    }

    void deadline(Duration d) {
      this.deadline = d;
    }

    UpstreamSettings build(List<Instance> instances) {
      ServiceDiscovery source = discovery != null ? discovery : ServiceDiscovery.of(instances);
      return new UpstreamSettings(
          source,
          loadBalancing,
          outlierDetection,
          healthCheck,
          retry,
          circuitBreaker,
          tryTimeout,
          deadline);
    }
  }
}
