package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.CircuitBreakerPolicy;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.HealthCheck;
import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.OutlierDetection;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.ServiceDiscovery;
import dev.frontdesk.gateway.UpstreamStatus;
import dev.frontdesk.gateway.internal.TimeSource;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live instances of one upstream and what decides between them. Instances are swapped as a
 * whole (copy on write) when discovery reports a change; a request holds on to the instance it
 * picked, so removing an instance never disturbs the requests already sent to it.
 */
public final class UpstreamGroup implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamGroup.class);

  private final String name;
  private final LoadBalancing balancing;
  private final @Nullable HealthCheck healthCheck;
  private final @Nullable CircuitBreakerPolicy breakerPolicy;
  private final @Nullable CircuitBreaker upstreamBreaker;
  private final OutlierDetector outliers;
  private final RetryBudget budget = new RetryBudget();
  private final TimeSource time;
  private final GatewayListener events;
  private final List<Closeable> running = new ArrayList<>();
  private volatile Snapshot snapshot;

  /**
   * Another gateway's instances of an equal upstream, by URL: new instances start with their state.
   */
  private Map<String, LiveInstance> inherited = Map.of();

  private record Snapshot(List<LiveInstance> instances, Picker picker) {}

  public UpstreamGroup(
      String name,
      LoadBalancing balancing,
      OutlierDetection outlierDetection,
      @Nullable HealthCheck healthCheck,
      @Nullable CircuitBreakerPolicy breakerPolicy,
      TimeSource time,
      GatewayListener events) {
    this.name = name;
    this.events = events;
    this.balancing = balancing;
    this.healthCheck = healthCheck;
    this.breakerPolicy = breakerPolicy;
    this.upstreamBreaker =
        breakerPolicy != null && breakerPolicy.scope() == CircuitBreakerPolicy.Scope.UPSTREAM
            ? new CircuitBreaker(name, null, breakerPolicy, events)
            : null;
    this.outliers = new OutlierDetector(name, outlierDetection, this::instances, events);
    this.time = time;
    this.snapshot = new Snapshot(List.of(), Picker.create(balancing, List.of()));
  }

  public String name() {
    return name;
  }

  /** Now on the gateway's ticker, in milliseconds: what ejections, circuits and the budget use. */
  public long millis() {
    return time.millis();
  }

  /** The current instances. */
  public List<LiveInstance> instances() {
    return snapshot.instances();
  }

  /** Replaces the instances; those that stay keep their instance and its state. */
  public synchronized void update(List<Instance> instances) {
    Map<String, LiveInstance> previous = new HashMap<>();
    for (LiveInstance e : snapshot.instances()) {
      previous.put(e.instance().url(), e);
    }
    List<LiveInstance> next = new ArrayList<>(instances.size());
    for (Instance instance : instances) {
      LiveInstance kept = previous.get(instance.url());
      if (kept != null && kept.instance().equals(instance)) {
        next.add(kept);
      } else if (next.stream().noneMatch(e -> e.instance().url().equals(instance.url()))) {
        next.add(newLiveInstance(instance));
      }
    }
    snapshot = new Snapshot(List.copyOf(next), Picker.create(balancing, next));
    log.info("upstream '{}': instances {}", name, next);
  }

  private LiveInstance newLiveInstance(Instance instance) {
    boolean healthy = healthCheck == null || healthCheck.startHealthy();
    CircuitBreaker breaker =
        breakerPolicy != null && breakerPolicy.scope() == CircuitBreakerPolicy.Scope.INSTANCE
            ? new CircuitBreaker(name, instance.url(), breakerPolicy, events)
            : null;
    LiveInstance e = new LiveInstance(instance, healthy, breaker);
    LiveInstance previous = inherited.get(instance.url());
    if (previous != null && previous.instance().equals(instance)) {
      e.inherit(previous);
    }
    return e;
  }

  /**
   * Takes a copy of the state of {@code previous}, another gateway's group of an equal upstream:
   * its instances' health, ejections and circuits (applied as discovery reports each instance) and
   * the upstream's circuit. Called before {@link #start}; {@code previous} is not used afterwards.
   */
  public synchronized void inherit(UpstreamGroup previous) {
    Map<String, LiveInstance> byUrl = new HashMap<>();
    for (LiveInstance e : previous.instances()) {
      byUrl.put(e.instance().url(), e);
    }
    this.inherited = Map.copyOf(byUrl);
    if (upstreamBreaker != null && previous.upstreamBreaker != null) {
      upstreamBreaker.inherit(previous.upstreamBreaker);
    }
    log.info(
        "upstream '{}': took over the state of {} instances from the gateway it replaces",
        name,
        byUrl.size());
  }

  /**
   * An instance for this request that it has not tried yet: an available one if any, else (all
   * ejected or failing checks) any whose circuit is not open, as a last resort. Null when none.
   */
  public @Nullable LiveInstance pick(Request request, List<LiveInstance> tried) {
    long now = time.millis();
    Snapshot s = snapshot;
    List<LiveInstance> refused = null; // instances whose half-open circuit had no trial left
    for (int i = 0; i <= s.instances().size(); i++) {
      List<LiveInstance> skip = refused != null ? refused : tried;
      LiveInstance e =
          s.picker()
              .pick(request, x -> x.available(now) && !tried.contains(x) && !skip.contains(x));
      if (e == null) {
        e =
            s.picker()
                .pick(
                    request,
                    x ->
                        (x.breaker == null || !x.breaker.isOpen(now))
                            && !tried.contains(x)
                            && !skip.contains(x));
      }
      if (e == null || e.breaker == null || e.breaker.tryAcquire(now)) {
        return e;
      }
      refused = refused == null ? new ArrayList<>(2) : refused;
      refused.add(e);
    }
    return null;
  }

  /**
   * Whether an instance this request has not tried could still be picked (so a retry is worth its
   * wait).
   */
  boolean hasUntried(List<LiveInstance> tried) {
    long now = time.millis();
    for (LiveInstance e : snapshot.instances()) {
      if (!tried.contains(e) && (e.breaker == null || !e.breaker.isOpen(now))) {
        return true;
      }
    }
    return false;
  }

  /** Records an attempt's outcome for outlier detection and the circuits. */
  void record(LiveInstance e, boolean failed, long durationMillis) {
    long now = time.millis();
    if (failed) {
      outliers.onFailure(e, now);
    } else {
      outliers.onSuccess(e);
    }
    if (e.breaker != null) {
      e.breaker.record(failed, durationMillis, now);
    }
  }

  @Nullable CircuitBreaker upstreamBreaker() {
    return upstreamBreaker;
  }

  /** This upstream as it stands now. */
  public UpstreamStatus status() {
    long now = time.millis();
    List<UpstreamStatus.InstanceStatus> instances = new ArrayList<>();
    for (LiveInstance e : instances()) {
      instances.add(
          new UpstreamStatus.InstanceStatus(
              e.toString(),
              e.available(now),
              e.healthy,
              e.isEjected(now),
              e.breaker == null ? null : e.breaker.state().name(),
              e.inFlight()));
    }
    return new UpstreamStatus(
        name, upstreamBreaker == null ? null : upstreamBreaker.state().name(), instances);
  }

  GatewayListener events() {
    return events;
  }

  RetryBudget budget() {
    return budget;
  }

  /** Starts discovery, then health checks. */
  public synchronized void start(
      ServiceDiscovery discovery,
      UpstreamTransport transport,
      Executor checks,
      Supplier<ScheduledExecutorService> scheduler)
      throws IOException {
    running.add(discovery.start(new Context(scheduler)));
    // Discoveries report their first instances as they start: the other gateway's are not kept.
    inherited = Map.of();
    if (healthCheck != null) {
      HealthChecker checker =
          new HealthChecker(
              name, healthCheck, transport, checks, this::instances, outliers, time, events);
      checker.start(scheduler.get());
      running.add(checker);
    }
  }

  @Override
  public synchronized void close() {
    for (Closeable c : running) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        log.warn("upstream '{}': stopping {} failed", name, c, e);
      }
    }
    running.clear();
  }

  private final class Context implements ServiceDiscovery.Context {
    private final Supplier<ScheduledExecutorService> scheduler;

    Context(Supplier<ScheduledExecutorService> scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public String upstream() {
      return name;
    }

    @Override
    public void update(List<Instance> instances) {
      UpstreamGroup.this.update(List.copyOf(instances));
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return scheduler.get();
    }
  }
}
