package dev.frontdesk.gateway.micrometer.internal;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Meters by an int key (a status code), for the handful of keys one route or one instance ever
 * sees. A lookup scans a short array: no key object is built, nothing is boxed or allocated, which
 * a map keyed by (route, method, status) could not promise on every request. A new key copies the
 * arrays under a lock; readers never wait.
 */
final class IntTable<M> {
  private final IntFunction<M> factory;
  private volatile Entries entries = new Entries(new int[0], new Object[0]);

  /** Keys and meters, replaced whole so a reader sees both arrays of one moment. */
  private static final class Entries {
    final int[] keys;
    final Object[] meters;

    Entries(int[] keys, Object[] meters) {
      this.keys = keys;
      this.meters = meters;
    }
  }

  /**
   * @param factory makes (and registers) the meter of a key seen for the first time
   */
  IntTable(IntFunction<M> factory) {
    this.factory = factory;
  }

  M get(int key) {
    Entries e = entries;
    int[] keys = e.keys;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == key) {
        return cast(e.meters[i]);
      }
    }
    return add(key);
  }

  private synchronized M add(int key) {
    Entries e = entries;
    int n = e.keys.length;
    for (int i = 0; i < n; i++) { // another thread may have added it while we waited
      if (e.keys[i] == key) {
        return cast(e.meters[i]);
      }
    }
    M meter = factory.apply(key);
    int[] keys = Arrays.copyOf(e.keys, n + 1);
    Object[] meters = Arrays.copyOf(e.meters, n + 1);
    keys[n] = key;
    meters[n] = meter;
    entries = new Entries(keys, meters);
    return meter;
  }

  @SuppressWarnings("unchecked") // only the factory's meters are stored
  private static <M> M cast(Object meter) {
    return (M) meter;
  }
}
