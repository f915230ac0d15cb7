package dev.frontdesk.gateway.micrometer.internal;

import static dev.frontdesk.gateway.micrometer.internal.Tagging.ALL_INSTANCES;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.BUDGET_EXHAUSTED;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.CIRCUIT_OPENED;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.CIRCUIT_STATE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.CLIENT_DURATION;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.EJECTIONS;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.ERROR_TYPE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.INSTANCE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.NONE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.READMISSIONS;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.REASON;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.RETRIES;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.STATUS_CODE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.UPSTREAM;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One upstream's meters: try timers per instance, and the counters and gauges of its resilience
 * machinery. The counters are registered with the upstream's first event, so they read 0 until
 * something happens rather than being absent.
 */
final class UpstreamMeters {
  private static final String TRY_DURATION =
      "Time from sending one upstream try to its response headers or failure";

  private final Meters meters;
  private final Tags tags;
  private final Counter retries;
  private final Counter budgetExhausted;
  private final Counter readmissions;
  private final ConcurrentHashMap<String, InstanceMeters> instances = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> ejections = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Circuit> circuits = new ConcurrentHashMap<>();

  UpstreamMeters(Meters meters, String name) {
    this.meters = meters;
    this.tags = Tags.of(UPSTREAM, name);
    this.retries = meters.counter(RETRIES, "Upstream tries that failed and were tried again", tags);
    this.budgetExhausted =
        meters.counter(
            BUDGET_EXHAUSTED, "Retries not made because the retry budget was spent", tags);
    this.readmissions =
        meters.counter(
            READMISSIONS, "Instances back in rotation after passing health checks again", tags);
  }

  /** One try ended: with a status, or with {@code failure} before any status arrived. */
  void attempt(String instance, int status, @Nullable IOException failure, long nanos) {
    InstanceMeters meters = instances.get(instance);
    if (meters == null) {
      meters = instances.computeIfAbsent(instance, InstanceMeters::new);
    }
    Timer timer = failure != null ? meters.failed(failure.getClass()) : meters.byStatus.get(status);
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  void retried() {
    retries.increment();
  }

  void budgetExhausted() {
    budgetExhausted.increment();
  }

  void readmitted() {
    readmissions.increment();
  }

  /**
   * @param reason a fixed phrase of core's ({@code consecutive failures}, {@code health check})
   */
  void ejected(String reason) {
    Counter counter = ejections.get(reason);
    if (counter == null) {
      counter =
          ejections.computeIfAbsent(
              reason,
              r ->
                  meters.counter(
                      EJECTIONS, "Instances taken out of rotation", tags.and(REASON, r)));
    }
    counter.increment();
  }

  void circuitOpened(@Nullable String instance) {
    Circuit circuit = circuit(instance);
    circuit.state.set(1);
    circuit.opened.increment();
  }

  void circuitClosed(@Nullable String instance) {
    circuit(instance).state.set(0);
  }

  private Circuit circuit(@Nullable String instance) {
    String key = instance != null ? instance : ALL_INSTANCES;
    Circuit circuit = circuits.get(key);
    return circuit != null ? circuit : circuits.computeIfAbsent(key, Circuit::new);
  }

  /** A breaker's state (0 closed, 1 open or trying again) and how often it opened. */
  private final class Circuit {
    final AtomicInteger state = new AtomicInteger();
    final Counter opened;

    Circuit(String instance) {
      Tags circuitTags = tags.and(INSTANCE, instance);
      meters.gauge(
          CIRCUIT_STATE,
          "1 while the circuit breaker is open (or half open), 0 when closed",
          circuitTags,
          state,
          AtomicInteger::doubleValue);
      this.opened = meters.counter(CIRCUIT_OPENED, "Times the circuit breaker opened", circuitTags);
    }
  }

  /** One instance's try timers: by status, and by exception type for tries that got no status. */
  private final class InstanceMeters {
    final Tags instanceTags;
    final IntTable<Timer> byStatus;
    final ConcurrentHashMap<Class<?>, Timer> byFailure = new ConcurrentHashMap<>();

    InstanceMeters(String instance) {
      this.instanceTags = tags.and(INSTANCE, instance);
      this.byStatus =
          new IntTable<>(
              status ->
                  meters.timer(
                      CLIENT_DURATION,
                      TRY_DURATION,
                      instanceTags.and(STATUS_CODE, Integer.toString(status), ERROR_TYPE, NONE)));
    }

    Timer failed(Class<?> type) {
      Timer timer = byFailure.get(type);
      return timer != null
          ? timer
          : byFailure.computeIfAbsent(
              type,
              t ->
                  meters.timer(
                      CLIENT_DURATION,
                      TRY_DURATION,
                      instanceTags.and(STATUS_CODE, NONE, ERROR_TYPE, Tagging.errorType(t))));
    }
  }
}
