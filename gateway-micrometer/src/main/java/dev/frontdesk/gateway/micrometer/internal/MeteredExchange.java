package dev.frontdesk.gateway.micrometer.internal;

import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.ExchangeOutcome;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.UpstreamAttempt;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One request's part in the metrics: the only object made per request. It remembers the method's
 * slot and the route, and records the request's timer when it finishes; upstream tries are recorded
 * as they end (from several threads at once for an aggregation's parallel legs, so they touch no
 * field here).
 */
final class MeteredExchange implements ExchangeListener {
  private final Meters meters;
  private final int methodSlot;
  private @Nullable RouteMeters route; // stays null for a request refused before routing
  private boolean problemCounted;

  MeteredExchange(Meters meters, int methodSlot) {
    this.meters = meters;
    this.methodSlot = methodSlot;
  }

  @Override
  public void routed(Route route, Request request) {
    this.route = meters.route(route.id());
  }

  @Override
  public void attemptFinished(
      UpstreamAttempt attempt, int status, @Nullable IOException failure, long nanos) {
    meters.upstream(attempt.upstream()).attempt(attempt.instance(), status, failure, nanos);
  }

  @Override
  public void retrying(UpstreamAttempt attempt) {
    meters.upstream(attempt.upstream()).retried();
  }

  @Override
  public void problem(GatewayException problem) {
    if (!problemCounted) { // the first is the cause; a later one only reports it again
      problemCounted = true;
      meters.rejected(problem.reason(), problem.status());
    }
  }

  @Override
  public void finished(ExchangeOutcome outcome) {
    meters.exchangeFinished();
    RouteMeters r = route != null ? route : meters.route("");
    r.record(methodSlot, outcome);
  }
}
