package dev.frontdesk.gateway;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Observes one request, from its arrival to the last byte of its answer: made per request by {@link
 * GatewayListener#exchangeStarted(Request)}. Every method does nothing by default. The attempt
 * methods may be called from several threads at once when an aggregation's legs run in parallel;
 * the others are called in order: {@link #routed}, then the attempts, {@link #problem} and {@link
 * #targetReached} as they happen, and {@link #finished} exactly once, last.
 */
public interface ExchangeListener {
  /** A listener that does nothing. */
  ExchangeListener NONE = new ExchangeListener() {};

  /**
   * The gateway chose the route; the request now carries its id ({@link Attributes#REQUEST_ID}),
   * the client address and the route id. A request no route matches reaches this with a route of
   * empty id.
   */
  default void routed(Route route, Request request) {}

  /**
   * The request reached its route's target, past every middleware: the attributes middleware set
   * (such as {@link Attributes#IDENTITY}) are there. Not called when middleware answered.
   */
  default void targetReached(Request request) {}

  /**
   * An upstream try is about to be sent. Return the headers to send: {@code headers} itself, or a
   * copy with fields added or replaced (a {@code traceparent}, for example).
   */
  default Headers attemptStarted(UpstreamAttempt attempt, Headers headers) {
    return headers;
  }

  /**
   * An upstream try ended: its response headers arrived, or it failed.
   *
   * @param status the upstream's status, or 0 when it failed before answering
   * @param failure why it failed, or null
   * @param nanos the time from sending to the response headers (or the failure)
   */
  default void attemptFinished(
      UpstreamAttempt attempt, int status, @Nullable IOException failure, long nanos) {}

  /** The failed {@code attempt} will be retried, on another instance if there is one. */
  default void retrying(UpstreamAttempt attempt) {}

  /**
   * The gateway answered with this problem itself rather than passing on an upstream's answer: a
   * request that authentication, authorization or a rate limit rejected, no route, an unusable
   * request, an upstream that failed or timed out. {@link GatewayException#reason()} names why.
   */
  default void problem(GatewayException problem) {}

  /** The answer was delivered, or given up: called once, when the response is closed. */
  default void finished(ExchangeOutcome outcome) {}
}
