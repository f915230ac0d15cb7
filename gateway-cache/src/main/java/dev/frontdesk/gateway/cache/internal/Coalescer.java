package dev.frontdesk.gateway.cache.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Request coalescing: the first miss for a key goes upstream, later ones for the same key wait
 * until it is done (its response stored, or known not to be), for a bounded time.
 */
final class Coalescer {
  private final ConcurrentHashMap<String, CountDownLatch> inFlight = new ConcurrentHashMap<>();

  /** Joins the fetch of {@code key}: as its leader when none is running, else as a follower. */
  Ticket join(String key) {
    CountDownLatch mine = new CountDownLatch(1);
    CountDownLatch running = inFlight.putIfAbsent(key, mine);
    return running == null ? new Ticket(key, mine, true) : new Ticket(key, running, false);
  }

  /** One request's part in a fetch. */
  final class Ticket implements Runnable {
    private final String key;
    private final CountDownLatch latch;
    private final boolean leader;
    private final AtomicBoolean done = new AtomicBoolean();

    private Ticket(String key, CountDownLatch latch, boolean leader) {
      this.key = key;
      this.latch = latch;
      this.leader = leader;
    }

    boolean leader() {
      return leader;
    }

    /** A follower waits for the leader, at most {@code timeout}; true when the leader finished. */
    boolean awaitLeader(Duration timeout) {
      try {
        return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** The leader is done: followers stop waiting. Idempotent; nothing for a follower. */
    @Override
    public void run() {
      if (leader && done.compareAndSet(false, true)) {
        inFlight.remove(key, latch);
        latch.countDown();
      }
    }
  }
}
