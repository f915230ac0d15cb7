package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.HealthCheck;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the active health check to every endpoint each interval. The scheduler only fires the
 * round; the checks themselves run asynchronously on OkHttp's dispatcher, so a slow instance never
 * holds up the scheduler nor the other checks.
 */
final class HealthChecker implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

  private final String upstream;
  private final HealthCheck check;
  private final OkHttpClient client;
  private final Supplier<List<Endpoint>> endpoints;
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private final Map<Endpoint, Endpoint> checking = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private @Nullable ScheduledFuture<?> task;

  HealthChecker(String upstream, HealthCheck check, OkHttpClient client, Supplier<List<Endpoint>> endpoints) {
    this.upstream = upstream;
    this.check = check;
    this.client = client.newBuilder().callTimeout(check.timeout()).build();
    this.endpoints = endpoints;
  }

  synchronized void start(ScheduledExecutorService scheduler) {
    long every = check.interval().toMillis();
    task = scheduler.scheduleWithFixedDelay(this::checkAll, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Starts one round of checks; an endpoint whose last check is still under way is skipped. */
  void checkAll() {
    for (Endpoint e : endpoints.get()) {
      if (closed || checking.putIfAbsent(e, e) != null) {
        continue;
      }
      Request request = new Request.Builder().url(e.url(check.path(), null)).header("User-Agent", "frontdesk-health-check").build();
      Call call = client.newCall(request);
      calls.add(call);
      call.enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          int status = response.code();
          response.close();
          done(call, e);
          record(e, status >= check.expectedStatusFrom() && status <= check.expectedStatusTo(), "status " + status);
        }

        @Override
        public void onFailure(Call call, IOException failure) {
          done(call, e);
          if (!call.isCanceled()) {
            record(e, false, failure.toString());
          }
        }
      });
    }
  }

  private void done(Call call, Endpoint e) {
    calls.remove(call);
    checking.remove(e);
  }

  private void record(Endpoint e, boolean passed, String detail) {
    synchronized (e) {
      if (passed) {
        e.healthStreak = e.healthStreak > 0 ? e.healthStreak + 1 : 1;
        if (!e.healthy && e.healthStreak >= check.healthyThreshold()) {
          e.healthy = true;
          log.info("upstream '{}': {} passed {} health checks, back in rotation", upstream, e, e.healthStreak);
        }
      } else {
        e.healthStreak = e.healthStreak < 0 ? e.healthStreak - 1 : -1;
        if (e.healthy && -e.healthStreak >= check.unhealthyThreshold()) {
          e.healthy = false;
          log.warn("upstream '{}': {} failed {} health checks ({}), out of rotation", upstream, e, -e.healthStreak, detail);
        }
      }
    }
  }

  /** Stops the rounds and cancels the checks under way. */
  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel(false);
    }
    calls.forEach(Call::cancel);
  }
}
