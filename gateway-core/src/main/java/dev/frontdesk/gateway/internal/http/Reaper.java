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
 * fails the blocked call. Deadlines are met to within a tick.
 */
final class Reaper implements Runnable {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

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

  @Override
  public void run() {
    while (!closed) {
      LockSupport.parkNanos(TICK_NANOS);
      long now = System.nanoTime();
      for (Http1Connection c : live) {
        if (now - c.expiresAt > 0) {
          c.expire();
        }
      }
    }
  }

  synchronized void close() {
    closed = true;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }
}
