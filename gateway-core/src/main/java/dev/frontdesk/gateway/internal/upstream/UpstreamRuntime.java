package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.ServiceDiscovery;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway's upstreams share and the gateway closes: the one upstream transport, a small
 * scheduler (health rounds, discovery refreshes) and the threads that run health checks, made on
 * first use, and the groups to stop.
 */
public final class UpstreamRuntime implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamRuntime.class);
  private static final AtomicInteger GATEWAYS = new AtomicInteger();

  private final UpstreamTransport transport;
  private final String name = "frontdesk-upstreams-" + GATEWAYS.incrementAndGet();
  private final List<Registered> groups = new ArrayList<>();
  private @Nullable ScheduledThreadPoolExecutor scheduler;
  private @Nullable ExecutorService checks;
  private boolean closed;

  public UpstreamRuntime(UpstreamTransport transport) {
    this.transport = transport;
  }

  public UpstreamTransport transport() {
    return transport;
  }

  /** The shared scheduler: two daemon threads, cancelled tasks removed at once. */
  public synchronized ScheduledExecutorService scheduler() {
    if (closed) {
      throw new IllegalStateException("the gateway is closed");
    }
    if (scheduler == null) {
      ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2, daemons(name));
      s.setRemoveOnCancelPolicy(true);
      scheduler = s;
    }
    return scheduler;
  }

  private synchronized ExecutorService checks() {
    if (checks == null) {
      checks = Executors.newCachedThreadPool(daemons(name + "-health"));
    }
    return checks;
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger threads = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Registered(
      UpstreamGroup group, ServiceDiscovery discovery, @Nullable Upstream definition) {}

  /**
   * Registers a group to start with {@link #start()} and close with the gateway.
   *
   * @param definition what the group was built from, to tell another gateway's equal upstream; null
   *     for a route's single URL, whose state is never taken over
   */
  public synchronized void register(
      UpstreamGroup group, ServiceDiscovery discovery, @Nullable Upstream definition) {
    groups.add(new Registered(group, discovery, definition));
  }

  /**
   * Before {@link #start()}: each group whose definition equals one of {@code previous}'s takes a
   * copy of that group's health, ejection and circuit state. Copies only: nothing of {@code
   * previous} (threads, instances, breakers) is used afterwards.
   */
  public synchronized void inherit(UpstreamRuntime previous) {
    List<Registered> old;
    synchronized (previous) {
      old = List.copyOf(previous.groups);
    }
    for (Registered r : groups) {
      for (Registered o : old) {
        if (r.definition() != null && r.definition().equals(o.definition())) {
          r.group().inherit(o.group());
        }
      }
    }
  }

  /** The named upstreams, in declaration order. */
  public synchronized List<UpstreamGroup> groups() {
    return groups.stream().map(Registered::group).toList();
  }

  /** Starts every registered group's discovery and health checks. */
  public synchronized void start() throws IOException {
    for (Registered r : groups) {
      r.group().start(r.discovery(), transport, task -> checks().execute(task), this::scheduler);
    }
  }

  /** Stops discoveries, health checks, the scheduler, and closes the transport. Idempotent. */
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
    if (checks != null) {
      checks.shutdownNow();
    }
    transport.close();
  }
}
