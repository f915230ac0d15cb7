package dev.frontdesk.gateway.cache.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The upstream fetches under way per key, each with the key's generation when it started. An
 * invalidation (RFC 9111 §4.4) or a purge moves the generation on, so that a fetch it overtook does
 * not store what it brings back: that response may predate the change, and stored it would outlive
 * the invalidation until it expired. Only keys with a fetch under way are tracked.
 */
final class Fetches {
  private final ConcurrentHashMap<String, Generation> running = new ConcurrentHashMap<>();

  /** A fetch of {@code key} starts; {@code whenDone} runs when it ends. */
  Fetch start(String key, Runnable whenDone) {
    Generation g = running.compute(key, (k, v) -> v == null ? new Generation() : v.join());
    return new Fetch(key, g.number, whenDone);
  }

  /** Called before the store drops {@code key}, so that no fetch under way stores it again. */
  void invalidate(String key) {
    running.computeIfPresent(key, (k, v) -> v.next());
  }

  /** {@link #invalidate(String)} for every key under way that {@code keys} selects. */
  void invalidateIf(Predicate<String> keys) {
    running.replaceAll((k, v) -> keys.test(k) ? v.next() : v);
  }

  /** The fetches of one key: how many are under way and how often the key was invalidated. */
  private static final class Generation {
    private final long number;
    private final int fetches;

    private Generation() {
      this(0, 1);
    }

    private Generation(long number, int fetches) {
      this.number = number;
      this.fetches = fetches;
    }

    Generation join() {
      return new Generation(number, fetches + 1);
    }

    Generation next() {
      return new Generation(number + 1, fetches);
    }

    @Nullable Generation leave() {
      return fetches == 1 ? null : new Generation(number, fetches - 1);
    }
  }

  /** One fetch; {@link #run()} ends it (once) and runs what was to run when it is done. */
  final class Fetch implements Runnable {
    private final String key;
    private final long generation;
    private final Runnable whenDone;
    private final AtomicBoolean done = new AtomicBoolean();

    private Fetch(String key, long generation, Runnable whenDone) {
      this.key = key;
      this.generation = generation;
      this.whenDone = whenDone;
    }

    /** Whether no invalidation of its key overtook this fetch: what it fetched may be stored. */
    boolean current() {
      Generation now = running.get(key);
      return now != null && now.number == generation && !done.get();
    }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        running.computeIfPresent(key, (k, v) -> v.leave());
        whenDone.run();
      }
    }
  }
}
