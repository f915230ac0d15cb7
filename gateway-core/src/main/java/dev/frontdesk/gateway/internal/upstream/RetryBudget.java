package dev.frontdesk.gateway.internal.upstream;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Limits retries to a share of the requests of the last ten seconds plus a few per second (as
 * Linkerd's and Finagle's budgets do), so that when an upstream is down, retries add a bounded
 * extra load instead of multiplying it. Counting a request takes no lock (every request of the
 * upstream passes here); a budget is an estimate, so a count lost to a bucket's turnover is fine.
 */
final class RetryBudget {
  private static final int BUCKETS = 10;

  private final LongAdder[] requests = adders();
  private final LongAdder[] retries = adders();
  private final AtomicLongArray second = new AtomicLongArray(BUCKETS);

  private static LongAdder[] adders() {
    LongAdder[] a = new LongAdder[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  void onRequest(long nowMillis) {
    requests[bucket(nowMillis)].increment();
  }

  /** Takes one retry from the budget, if any is left. */
  synchronized boolean tryRetry(long nowMillis, double ratio, int minPerSecond) {
    int current = bucket(nowMillis);
    long now = Math.floorDiv(nowMillis, 1000L);
    long sentRequests = 0;
    long sentRetries = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (now - second.get(i) < BUCKETS) {
        sentRequests += requests[i].sum();
        sentRetries += retries[i].sum();
      }
    }
    if (sentRetries >= (long) minPerSecond * BUCKETS + ratio * sentRequests) {
      return false;
    }
    retries[current].increment();
    return true;
  }

  private int bucket(long nowMillis) {
    long s = Math.floorDiv(nowMillis, 1000L);
    int i = (int) Math.floorMod(s, (long) BUCKETS);
    long stamp = second.get(i);
    if (stamp != s && second.compareAndSet(i, stamp, s)) {
      requests[i].reset();
      retries[i].reset();
    }
    return i;
  }
}
