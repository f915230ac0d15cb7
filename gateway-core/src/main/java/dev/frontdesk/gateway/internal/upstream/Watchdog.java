package dev.frontdesk.gateway.internal.upstream;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;

/**
 * Cancels a call whose response headers have not arrived in time. Unlike OkHttp's call timeout it
 * stops counting once the headers are in, so a long streamed body is only bound by the idle
 * timeout. Exactly one of "fired" and "disarmed" wins, so a response is never half-cancelled.
 */
final class Watchdog implements Runnable {
  private static final int ARMED = 0;
  private static final int FIRED = 1;
  private static final int DISARMED = 2;

  private final Call call;
  private final AtomicInteger state = new AtomicInteger(ARMED);
  private final ScheduledFuture<?> future;

  private Watchdog(Call call, ScheduledExecutorService scheduler, long nanos) {
    this.call = call;
    this.future = scheduler.schedule(this, nanos, TimeUnit.NANOSECONDS);
  }

  static Watchdog arm(Call call, ScheduledExecutorService scheduler, long nanos) {
    return new Watchdog(call, scheduler, nanos);
  }

  @Override
  public void run() {
    if (state.compareAndSet(ARMED, FIRED)) {
      call.cancel();
    }
  }

  /** Stops the watch; false when it already fired (the call is or will be cancelled). */
  boolean disarm() {
    boolean disarmed = state.compareAndSet(ARMED, DISARMED);
    future.cancel(false);
    return disarmed;
  }

  boolean fired() {
    return state.get() == FIRED;
  }
}
