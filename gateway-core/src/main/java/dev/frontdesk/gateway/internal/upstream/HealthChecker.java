package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.HealthCheck;
import dev.frontdesk.gateway.internal.TimeSource;
import dev.frontdesk.gateway.internal.http.Deadlines;
import dev.frontdesk.gateway.internal.http.UpstreamRequest;
import dev.frontdesk.gateway.internal.http.UpstreamResponse;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the active health check to every instance each interval, through the gateway's one upstream
 * transport. The scheduler only fires the round; each check runs on the checks executor, so a slow
 * instance never holds up the scheduler nor the other checks.
 */
final class HealthChecker implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);
  private static final Headers HEADERS = Headers.of("User-Agent", "frontdesk-health-check");

  private final String upstream;
  private final HealthCheck check;
  private final UpstreamTransport transport;
  private final Executor checks;
  private final Supplier<List<LiveInstance>> instances;
  private final GatewayListener events;
  private final OutlierDetector outliers;
  private final TimeSource time;
  private final Set<LiveInstance> checking = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private @Nullable ScheduledFuture<?> task;

  HealthChecker(
      String upstream,
      HealthCheck check,
      UpstreamTransport transport,
      Executor checks,
      Supplier<List<LiveInstance>> instances,
      OutlierDetector outliers,
      TimeSource time,
      GatewayListener events) {
    this.upstream = upstream;
    this.events = events;
    this.outliers = outliers;
    this.time = time;
    this.check = check;
    this.transport = transport;
    this.checks = checks;
    this.instances = instances;
  }

  synchronized void start(ScheduledExecutorService scheduler) {
    long every = check.interval().toMillis();
    task = scheduler.scheduleWithFixedDelay(this::checkAll, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Starts one round of checks; an instance whose last check is still under way is skipped. */
  void checkAll() {
    for (LiveInstance e : instances.get()) {
      if (closed || !checking.add(e)) {
        continue;
      }
      try {
        checks.execute(() -> checkOne(e));
      } catch (RejectedExecutionException stopped) {
        checking.remove(e);
      }
    }
  }

  private void checkOne(LiveInstance e) {
    long timeout = check.timeout().toMillis();
    // only the transport keeps this deadline, in real time; the rounds run on the real scheduler
    long by = Deadlines.fromNow(check.timeout().toNanos());
    UpstreamRequest request =
        new UpstreamRequest("GET", e.origin().target(check.path(), null), HEADERS, Body.empty());
    int status;
    try {
      UpstreamResponse response =
          transport.send(e.origin(), request, new Deadlines(timeout, timeout, by, by));
      status = response.status();
      response.body().close();
    } catch (IOException | RuntimeException failure) {
      checking.remove(e);
      if (!closed) {
        record(e, false, failure.toString());
      }
      return;
    }
    checking.remove(e);
    record(
        e,
        status >= check.expectedStatusFrom() && status <= check.expectedStatusTo(),
        "status " + status);
  }

  private void record(LiveInstance e, boolean passed, String detail) {
    synchronized (e) {
      if (passed) {
        e.healthStreak = e.healthStreak > 0 ? e.healthStreak + 1 : 1;
        // !healthy without a failure: an instance that started unknown (startHealthy(false))
        if ((e.healthRecovering || !e.healthy) && e.healthStreak >= check.healthyThreshold()) {
          recovered(e);
        }
      } else {
        e.healthStreak = e.healthStreak < 0 ? e.healthStreak - 1 : -1;
        e.healthRecovering = true;
        if (e.healthy && -e.healthStreak >= check.unhealthyThreshold()) {
          e.healthy = false;
          log.warn(
              "upstream '{}': {} failed {} health checks ({}), out of rotation",
              upstream,
              e,
              -e.healthStreak,
              detail);
          events.instanceEjected(upstream, e.toString(), "health check");
        }
      }
    }
  }

  /**
   * The checks saw {@code e} fail and now pass {@code healthyThreshold} times in a row: it is back,
   * so an outlier ejection (which only guessed how long it would be gone) ends too. Checks that
   * kept passing while requests failed end no ejection: they never saw what the requests saw.
   */
  private void recovered(LiveInstance e) {
    e.healthRecovering = false;
    boolean wasHealthy = e.healthy;
    e.healthy = true;
    long ejectionLeft = outliers.endEjection(e, time.millis());
    if (wasHealthy && ejectionLeft == 0) {
      return; // it failed fewer than unhealthyThreshold checks and was never out
    }
    if (ejectionLeft > 0) {
      log.info(
          "upstream '{}': {} passed {} health checks, back in rotation (outlier ejection ended {} ms early)",
          upstream,
          e,
          e.healthStreak,
          ejectionLeft);
    } else {
      log.info(
          "upstream '{}': {} passed {} health checks, back in rotation",
          upstream,
          e,
          e.healthStreak);
    }
    events.instanceReadmitted(upstream, e.toString());
  }

  /** Stops the rounds and cancels the checks under way. */
  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel(false);
    }
  }
}
