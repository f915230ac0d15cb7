package dev.frontdesk.gateway.internal.http;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The idle connections to one origin, most recently used first (warm connections get the next
 * request; the coldest age out at the tail). Lock-free: taking and returning a connection is one
 * deque operation, never a scan under a lock.
 */
final class ConnectionPool {
  /** A connection idle this long is checked before a request that may not be resent goes on it. */
  private static final long CHECK_AFTER_NANOS = 1_000_000_000L;

  private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleTotal; // shared by every pool of one transport
  private final int maxIdleTotal;
  private final long keepAliveNanos;
  private volatile boolean closed;

  ConnectionPool(AtomicInteger idleTotal, int maxIdleTotal, long keepAliveNanos) {
    this.idleTotal = idleTotal;
    this.maxIdleTotal = maxIdleTotal;
    this.keepAliveNanos = keepAliveNanos;
  }

  /** A pooled connection fit for the request, or null when a new one must be opened. */
  @Nullable Http1Connection take(boolean resendable) {
    for (Http1Connection c; (c = idle.pollFirst()) != null; ) {
      idleTotal.decrementAndGet();
      long idleFor = System.nanoTime() - c.idleSince;
      if (idleFor > keepAliveNanos || (!resendable && idleFor > CHECK_AFTER_NANOS && !c.stillOpen())) {
        c.close();
        continue;
      }
      c.reused = true;
      return c;
    }
    return null;
  }

  /** Keeps a connection whose exchange completed, unless the pool is full or closed. */
  void offer(Http1Connection c) {
    if (closed || idleTotal.incrementAndGet() > maxIdleTotal) {
      idleTotal.decrementAndGet();
      c.close();
      return;
    }
    c.idleSince = System.nanoTime();
    idle.offerFirst(c);
    evictExpired();
    if (closed) {
      closeIdle();
    }
  }

  /** The coldest connection goes when it has outlived the keep-alive time: O(1) per release. */
  private void evictExpired() {
    Http1Connection coldest = idle.peekLast();
    if (coldest != null && System.nanoTime() - coldest.idleSince > keepAliveNanos && idle.removeLastOccurrence(coldest)) {
      idleTotal.decrementAndGet();
      coldest.close();
    }
  }

  void close() {
    closed = true;
    closeIdle();
  }

  private void closeIdle() {
    for (Http1Connection c; (c = idle.pollFirst()) != null; ) {
      idleTotal.decrementAndGet();
      c.close();
    }
  }
}
