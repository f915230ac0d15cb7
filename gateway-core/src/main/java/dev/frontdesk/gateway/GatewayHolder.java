package dev.frontdesk.gateway;

import java.io.Closeable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway a host serves, replaceable while it serves (hot reload): {@link #swap} puts a new
 * gateway in place at once, requests already inside the old one finish there, and the old one is
 * closed when its last request is done. No request is lost or answered with an error because of a
 * swap: each runs wholly on the old or wholly on the new gateway. Host it with {@code new
 * GatewayServlet(holder)}.
 *
 * <pre>{@code
 * GatewayHolder holder = GatewayHolder.of(Gateway.builder()...build());
 * context.addServlet(new ServletHolder(new GatewayServlet(holder)), "/*");
 * ...
 * holder.swap(Gateway.builder()...build());   // the old gateway closes once idle
 * }</pre>
 *
 * <p>Middleware and handler instances that the new gateway uses too (a rate limiter kept so that
 * its buckets carry over) are not closed with the old gateway.
 */
public final class GatewayHolder implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(GatewayHolder.class);

  /** One gateway and the requests using it; retired once another has replaced it. */
  private static final class Slot {
    final Gateway gateway;
    final LongAdder users = new LongAdder();
    volatile boolean retired;
    final AtomicBoolean closed = new AtomicBoolean();
    volatile @Nullable Gateway successor;

    Slot(Gateway gateway) {
      this.gateway = gateway;
    }
  }

  private volatile Slot slot;
  private volatile boolean closed;

  private GatewayHolder(Gateway gateway) {
    this.slot = new Slot(gateway);
  }

  public static GatewayHolder of(Gateway gateway) {
    return new GatewayHolder(Objects.requireNonNull(gateway, "gateway"));
  }

  /** The gateway serving new requests now. */
  public Gateway current() {
    return slot.gateway;
  }

  /** Answers on the current gateway: see {@link Gateway#handle(Request)}. */
  public Response handle(Request request) {
    Slot s = enter();
    try {
      return s.gateway.handle(request);
    } finally {
      leave(s);
    }
  }

  /**
   * Answers on the current gateway if a route owns the path: see {@link Gateway#handleIfMatched}.
   */
  public Optional<Response> handleIfMatched(Request request) {
    Slot s = enter();
    try {
      return s.gateway.handleIfMatched(request);
    } finally {
      leave(s);
    }
  }

  /**
   * Serves new requests with {@code next} from now on; the previous gateway is closed as soon as
   * the requests inside it are done (they are never cut). Returns the previous gateway.
   *
   * @throws IllegalStateException when the holder is closed
   */
  public synchronized Gateway swap(Gateway next) {
    Objects.requireNonNull(next, "next");
    if (closed) {
      throw new IllegalStateException("the gateway holder is closed");
    }
    Slot old = slot;
    if (old.gateway == next) {
      return next;
    }
    slot = new Slot(next);
    old.successor = next;
    old.retired = true; // after publishing the new slot: a request that sees this finds the new one
    closeIfIdle(old);
    return old.gateway;
  }

  /** Takes the current slot for one request; a slot retired in between is left for the new one. */
  private Slot enter() {
    while (true) {
      Slot s = slot;
      s.users.increment();
      if (!s.retired) {
        return s;
      }
      leave(s);
    }
  }

  private void leave(Slot s) {
    s.users.decrement();
    if (s.retired) {
      closeIfIdle(s);
    }
  }

  private static void closeIfIdle(Slot s) {
    if (s.users.sum() == 0 && s.closed.compareAndSet(false, true)) {
      try {
        Gateway successor = s.successor;
        s.gateway.closeKeeping(successor);
      } catch (RuntimeException e) {
        log.warn("closing a replaced gateway failed", e);
      }
    }
  }

  /**
   * Stops the current gateway gracefully ({@link Gateway#shutdown(Duration)}); a replaced gateway
   * still busy closes when its requests are done.
   */
  public synchronized boolean shutdown(Duration grace) {
    closed = true;
    return slot.gateway.shutdown(grace);
  }

  /** Closes the current gateway at once. */
  @Override
  public synchronized void close() {
    closed = true;
    slot.gateway.close();
  }
}
