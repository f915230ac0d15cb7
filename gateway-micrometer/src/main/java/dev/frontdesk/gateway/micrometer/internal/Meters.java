package dev.frontdesk.gateway.micrometer.internal;

import static dev.frontdesk.gateway.micrometer.internal.Tagging.MAX_REASONS;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.OTHER_REASON;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.REASON;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.REJECTED;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.SERVER_ACTIVE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.STATUS;

import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Request;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The listener behind {@code GatewayMetrics}, and the meters it has made so far, found again by
 * route, upstream and reason without building tags. Meters are registered the first time they are
 * needed: a route nobody called has no series.
 */
public final class Meters implements GatewayListener {
  private final MeterRegistry registry;
  private final Tags common;
  private final boolean histograms;
  private final LongAdder active = new LongAdder();
  private final ConcurrentHashMap<String, RouteMeters> routes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, UpstreamMeters> upstreams = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, IntTable<Counter>> rejections = new ConcurrentHashMap<>();

  /**
   * @param common tags added to every meter
   * @param histograms whether the duration timers publish histogram buckets
   */
  public Meters(MeterRegistry registry, Tags common, boolean histograms) {
    this.registry = registry;
    this.common = common;
    this.histograms = histograms;
    Gauge.builder(SERVER_ACTIVE, active, LongAdder::doubleValue)
        .description("Requests the gateway has received and not yet finished answering")
        .tags(common)
        .strongReference(true)
        .register(registry);
  }

  @Override
  public ExchangeListener exchangeStarted(Request request) {
    active.increment();
    return new MeteredExchange(this, Tagging.methodSlot(request.method()));
  }

  @Override
  public void instanceEjected(String upstream, String instance, String reason) {
    upstream(upstream).ejected(reason);
  }

  @Override
  public void instanceReadmitted(String upstream, String instance) {
    upstream(upstream).readmitted();
  }

  @Override
  public void circuitOpened(String upstream, @Nullable String instance) {
    upstream(upstream).circuitOpened(instance);
  }

  @Override
  public void circuitClosed(String upstream, @Nullable String instance) {
    upstream(upstream).circuitClosed(instance);
  }

  @Override
  public void retryBudgetExhausted(String upstream) {
    upstream(upstream).budgetExhausted();
  }

  /**
   * One counter per key source and outcome: sources are the few JWKS URLs the operator configured.
   */
  @Override
  public void keySetRefreshed(String source, boolean succeeded) {
    Counter.builder(KEY_SET_REFRESHES)
        .description("Key sets (JWKS) fetched from identity providers, by source and outcome")
        .tags(common)
        .tag("source", source)
        .tag("outcome", succeeded ? "success" : "failure")
        .register(registry)
        .increment();
  }

  /** The key-set refresh counter's name. */
  public static final String KEY_SET_REFRESHES = "frontdesk.auth.key_set.refreshes";

  void exchangeFinished() {
    active.decrement();
  }

  /**
   * The meters of the route with this id; the empty id is the stand-in route of unmatched requests.
   */
  RouteMeters route(String id) {
    RouteMeters meters = routes.get(id);
    return meters != null ? meters : routes.computeIfAbsent(id, r -> new RouteMeters(this, r));
  }

  UpstreamMeters upstream(String name) {
    UpstreamMeters meters = upstreams.get(name);
    return meters != null
        ? meters
        : upstreams.computeIfAbsent(name, u -> new UpstreamMeters(this, u));
  }

  /** Counts an answer the gateway made itself, by its reason code and status. */
  void rejected(String reason, int status) {
    IntTable<Counter> byStatus = rejections.get(reason);
    if (byStatus == null) {
      String tag = rejections.size() >= MAX_REASONS ? OTHER_REASON : reason;
      byStatus =
          rejections.computeIfAbsent(
              tag,
              r ->
                  new IntTable<>(
                      s ->
                          counter(
                              REJECTED,
                              "Requests the gateway answered itself with an error (problem+json) instead of an upstream's answer",
                              Tags.of(REASON, r, STATUS, Integer.toString(s)))));
    }
    byStatus.get(status).increment();
  }

  Timer timer(String name, String description, Tags tags) {
    return Timer.builder(name)
        .description(description)
        .tags(common)
        .tags(tags)
        .publishPercentileHistogram(histograms)
        .register(registry);
  }

  Counter counter(String name, String description, Tags tags) {
    return Counter.builder(name)
        .description(description)
        .tags(common)
        .tags(tags)
        .register(registry);
  }

  DistributionSummary bytes(String name, String description, Tags tags) {
    return DistributionSummary.builder(name)
        .description(description)
        .baseUnit("bytes")
        .tags(common)
        .tags(tags)
        .register(registry);
  }

  <T> void gauge(
      String name,
      String description,
      Tags tags,
      T state,
      java.util.function.ToDoubleFunction<T> value) {
    Gauge.builder(name, state, value)
        .description(description)
        .tags(common)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }
}
