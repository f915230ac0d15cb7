package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.AttributeKey;
import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.ExchangeOutcome;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.UpstreamAttempt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered listeners as one, each call guarded so that a failing listener is logged and never
 * changes an answer. With no listener registered the gateway holds {@link #NONE} and skips the work
 * of observing (no wrapped bodies, no attempt descriptions).
 */
public final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  /** No listener: the gateway checks for this instance and does nothing. */
  public static final GatewayListener NONE = new GatewayListener() {};

  /** Where a request carries its exchange listener, for the proxy and aggregation legs. */
  public static final AttributeKey<ExchangeListener> EXCHANGE =
      AttributeKey.of("frontdesk.exchange");

  private Listeners() {}

  /** One listener calling each of {@code listeners} in order, or {@link #NONE} for none. */
  public static GatewayListener of(List<GatewayListener> listeners) {
    return listeners.isEmpty() ? NONE : new Guarded(List.copyOf(listeners));
  }

  /** The request's exchange listener, {@link ExchangeListener#NONE} when nobody listens. */
  public static ExchangeListener exchange(Request request) {
    ExchangeListener exchange = request.attribute(EXCHANGE);
    return exchange != null ? exchange : ExchangeListener.NONE;
  }

  /**
   * Calls every listener in turn; one that throws is logged and the others still hear the event.
   */
  private static <T> void each(
      List<T> listeners, String event, java.util.function.Consumer<T> call) {
    for (T l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        failed(l, event, e);
      }
    }
  }

  private static void failed(Object listener, String event, RuntimeException e) {
    log.warn("listener {} failed on {}; the request goes on", listener, event, e);
  }

  private record Guarded(List<GatewayListener> listeners) implements GatewayListener {
    @Override
    public ExchangeListener exchangeStarted(Request request) {
      List<ExchangeListener> exchanges = new ArrayList<>(listeners.size());
      for (GatewayListener l : listeners) {
        try {
          ExchangeListener e = l.exchangeStarted(request);
          if (e != null && e != ExchangeListener.NONE) {
            exchanges.add(e);
          }
        } catch (RuntimeException e) {
          failed(l, "exchangeStarted", e);
        }
      }
      return exchanges.isEmpty() ? ExchangeListener.NONE : new GuardedExchange(exchanges);
    }

    @Override
    public void instanceEjected(String upstream, String instance, String reason) {
      each("instanceEjected", l -> l.instanceEjected(upstream, instance, reason));
    }

    @Override
    public void instanceReadmitted(String upstream, String instance) {
      each("instanceReadmitted", l -> l.instanceReadmitted(upstream, instance));
    }

    @Override
    public void circuitOpened(String upstream, @Nullable String instance) {
      each("circuitOpened", l -> l.circuitOpened(upstream, instance));
    }

    @Override
    public void circuitClosed(String upstream, @Nullable String instance) {
      each("circuitClosed", l -> l.circuitClosed(upstream, instance));
    }

    @Override
    public void retryBudgetExhausted(String upstream) {
      each("retryBudgetExhausted", l -> l.retryBudgetExhausted(upstream));
    }

    @Override
    public void keySetRefreshed(String source, boolean succeeded) {
      each("keySetRefreshed", l -> l.keySetRefreshed(source, succeeded));
    }

    private void each(String event, java.util.function.Consumer<GatewayListener> call) {
      Listeners.each(listeners, event, call);
    }
  }

  private record GuardedExchange(List<ExchangeListener> exchanges) implements ExchangeListener {
    @Override
    public void routed(Route route, Request request) {
      each("routed", e -> e.routed(route, request));
    }

    @Override
    public void targetReached(Request request) {
      each("targetReached", e -> e.targetReached(request));
    }

    @Override
    public Headers attemptStarted(UpstreamAttempt attempt, Headers headers) {
      Headers sent = headers;
      for (ExchangeListener e : exchanges) {
        try {
          Headers changed = e.attemptStarted(attempt, sent);
          sent = changed != null ? changed : sent;
        } catch (RuntimeException ex) {
          failed(e, "attemptStarted", ex);
        }
      }
      return sent;
    }

    @Override
    public void attemptFinished(
        UpstreamAttempt attempt, int status, @Nullable IOException failure, long nanos) {
      each("attemptFinished", e -> e.attemptFinished(attempt, status, failure, nanos));
    }

    @Override
    public void retrying(UpstreamAttempt attempt) {
      each("retrying", e -> e.retrying(attempt));
    }

    @Override
    public void problem(GatewayException problem) {
      each("problem", e -> e.problem(problem));
    }

    @Override
    public void finished(ExchangeOutcome outcome) {
      each("finished", e -> e.finished(outcome));
    }

    private void each(String event, java.util.function.Consumer<ExchangeListener> call) {
      Listeners.each(exchanges, event, call);
    }
  }
}
