package dev.frontdesk.gateway.ratelimit.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Counts requests in flight per key. A key's semaphore exists only while someone holds or waits for
 * it, so the map is bounded by the requests in progress, whatever the number of keys.
 */
public final class InFlight {
  private final int permits;
  private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

  public InFlight(int permits) {
    this.permits = permits;
  }

  /** A slot for {@code key}, waiting up to {@code maxWait}; null when none came free in time. */
  public @Nullable Slot acquire(String key, Duration maxWait) throws InterruptedException {
    Gate gate =
        gates.compute(
            key,
            (k, g) -> {
              Gate result = g != null ? g : new Gate(permits);
              result.users++;
              return result;
            });
    boolean acquired = false;
    try {
      acquired =
          maxWait.isZero()
              ? gate.semaphore.tryAcquire()
              : gate.semaphore.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } finally {
      if (!acquired) {
        leave(key);
      }
    }
    return acquired ? new Slot(this, key, gate) : null;
  }

  /** Requests holding a slot under {@code key}. */
  public int inUse(String key) {
    Gate gate = gates.get(key);
    return gate == null ? 0 : permits - gate.semaphore.availablePermits();
  }

  /** Requests waiting for a slot under {@code key}. */
  public int waiting(String key) {
    Gate gate = gates.get(key);
    return gate == null
        ? 0
        : Math.max(0, gate.users - (permits - gate.semaphore.availablePermits()));
  }

  private void leave(String key) {
    gates.computeIfPresent(key, (k, g) -> --g.users == 0 ? null : g);
  }

  private static final class Gate {
    final Semaphore semaphore;
    volatile int users; // written only inside the map's compute on this key

    Gate(int permits) {
      this.semaphore = new Semaphore(permits);
    }
  }

  /** One request's hold on a slot; released once. */
  public static final class Slot {
    private final InFlight owner;
    private final String key;
    private final Gate gate;
    private final AtomicBoolean released = new AtomicBoolean();

    Slot(InFlight owner, String key, Gate gate) {
      this.owner = owner;
      this.key = key;
      this.gate = gate;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        gate.semaphore.release();
        owner.leave(key);
      }
    }

    /**
     * The response, holding the slot until its body is read to the end or closed; a body already in
     * memory releases it at once.
     */
    public Response releaseWhenDone(Response response) {
      Body body = response.body();
      if (body.isReplayable() || body.isEmpty()) {
        release();
        return response;
      }
      InputStream guarded =
          new FilterInputStream(body.stream()) {
            @Override
            public int read() throws IOException {
              int b = super.read();
              if (b == -1) {
                release();
              }
              return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
              int n = super.read(buffer, off, len);
              if (n == -1) {
                release();
              }
              return n;
            }

            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                release();
              }
            }
          };
      return response.newBuilder().body(Body.of(guarded, body.contentLength())).build();
    }
  }
}
