package dev.frontdesk.gateway.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Enforces read timeouts and deadlines for a transport's connections from one thread, so that the
 * exchanges themselves use plain blocking reads: a timed socket read costs the JDK a non-blocking
 * read, a poll and a second read, on every read. Each exchange only writes the instant by which its
 * current read or write must end; every tick this thread closes the connections past theirs, which
 * fails the blocked call. Deadlines are met to within a tick (see {@link #run}).
 */
final class Reaper implements Runnable {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Set<Http1Connection> live = ConcurrentHashMap.newKeySet();
  private final String name;
  private volatile @Nullable Thread thread;
  private volatile boolean closed;

  Reaper(String name) {
    this.name = name;
  }

  /** Watches a new connection; the thread starts with the first one. */
  void register(Http1Connection c) {
    live.add(c);
    if (thread == null) {
      start();
    }
  }

  private synchronized void start() {
    if (thread == null && !closed) {
      Thread t = new Thread(this, name);
      t.setDaemon(true);
      t.start();
      thread = t;
    }
  }

  void unregister(Http1Connection c) {
    live.remove(c);
  }

  /**
   * Ticks every 10 ms while any read or write is under way; with none, backs off to 100 ms, so an
   * idle gateway (or one nobody closed) costs ten wake-ups a second. The first tick of a new
   * exchange after an idle spell may therefore come up to 100 ms late.
   */
  @Override
  public void run() {
    long tick = TICK_NANOS;
    while (!closed) {
      LockSupport.parkNanos(tick);
      long now = System.nanoTime();
      boolean busy = false;
      for (Http1Connection c : live) {
        long expiresAt = c.expiresAt;
        if (expiresAt != Long.MAX_VALUE) {
          busy = true;
          if (now - expiresAt > 0) {
            c.expire();
          }
        }
      }
      tick = busy ? TICK_NANOS : Math.min(MAX_TICK_NANOS, tick * 2);
    }
  }

  synchronized void close() {
    closed = true;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }
}
