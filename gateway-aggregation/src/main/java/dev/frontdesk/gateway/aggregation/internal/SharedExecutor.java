package dev.frontdesk.gateway.aggregation.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool legs run on when the user supplies none: shared by every aggregation in the JVM, at most
 * 256 daemon threads that end after 30 s idle, so nothing needs closing. When all threads are busy
 * the submitting thread runs the leg itself: slower, never rejected, never deadlocked (no leg task
 * waits for another; dependent legs are chained, not blocked on).
 */
public final class SharedExecutor {
  private static final int MAX_THREADS = 256;

  private SharedExecutor() {}

  public static Executor get() {
    return Holder.POOL;
  }

  private static final class Holder {
    static final ThreadPoolExecutor POOL = create();

    private static ThreadPoolExecutor create() {
      AtomicInteger count = new AtomicInteger();
      return new ThreadPoolExecutor(
          0,
          MAX_THREADS,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "frontdesk-aggregation-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.CallerRunsPolicy());
    }
  }
}
