package dev.frontdesk.gateway.internal.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import dev.frontdesk.gateway.ServiceDiscovery;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway's upstreams share and the gateway closes: a small scheduler (health rounds,
 * discovery refreshes, per-try time-outs), made on first use, and the groups to stop.
 */
public final class UpstreamRuntime implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamRuntime.class);
  private static final AtomicInteger GATEWAYS = new AtomicInteger();

  private final List<Registered> groups = new ArrayList<>();
  private @Nullable ScheduledThreadPoolExecutor scheduler;
  private boolean closed;

  /** The shared scheduler: two daemon threads, cancelled tasks removed at once. */
  public synchronized ScheduledExecutorService scheduler() {
    if (closed) {
      throw new IllegalStateException("the gateway is closed");
    }
    if (scheduler == null) {
      String name = "frontdesk-upstreams-" + GATEWAYS.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2, r -> {
        Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      s.setRemoveOnCancelPolicy(true);
      scheduler = s;
    }
    return scheduler;
  }

  private record Registered(UpstreamGroup group, ServiceDiscovery discovery, OkHttpClient client) {}

  /** Registers a group to start with {@link #start()} and close with the gateway. */
  public synchronized void register(UpstreamGroup group, ServiceDiscovery discovery, OkHttpClient client) {
    groups.add(new Registered(group, discovery, client));
  }

  /** Starts every registered group's discovery and health checks. */
  public synchronized void start() throws IOException {
    if (!groups.isEmpty()) {
      // A thread ready before the first per-try time-out, so that one is not late by a thread start.
      ((ScheduledThreadPoolExecutor) scheduler()).prestartCoreThread();
    }
    for (Registered r : groups) {
      r.group().start(r.discovery(), r.client(), this::scheduler);
    }
  }

  /** Stops discoveries, health checks and the scheduler. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Registered r : groups) {
      try {
        r.group().close();
      } catch (RuntimeException e) {
        log.warn("stopping upstream '{}' failed", r.group().name(), e);
      }
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
