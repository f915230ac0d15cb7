package dev.frontdesk.gateway.internal.upstream;

/**
 * Limits retries to a share of the requests of the last ten seconds plus a few per second (as
 * Linkerd's and Finagle's budgets do), so that when an upstream is down, retries add a bounded
 * extra load instead of multiplying it.
 */
final class RetryBudget {
  private static final int BUCKETS = 10;

  private final long[] requests = new long[BUCKETS];
  private final long[] retries = new long[BUCKETS];
  private final long[] second = new long[BUCKETS];

  synchronized void onRequest(long nowMillis) {
    requests[bucket(nowMillis)]++;
  }

  /** Takes one retry from the budget, if any is left. */
  synchronized boolean tryRetry(long nowMillis, double ratio, int minPerSecond) {
    bucket(nowMillis);
    long now = nowMillis / 1000;
    long sentRequests = 0;
    long sentRetries = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (now - second[i] < BUCKETS) {
        sentRequests += requests[i];
        sentRetries += retries[i];
      }
    }
    if (sentRetries >= (long) minPerSecond * BUCKETS + ratio * sentRequests) {
      return false;
    }
    retries[bucket(nowMillis)]++;
    return true;
  }

  private int bucket(long nowMillis) {
    long s = nowMillis / 1000;
    int i = (int) Math.floorMod(s, (long) BUCKETS);
    if (second[i] != s) {
      second[i] = s;
      requests[i] = 0;
      retries[i] = 0;
    }
    return i;
  }
}
