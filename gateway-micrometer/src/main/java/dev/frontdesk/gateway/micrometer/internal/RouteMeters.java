package dev.frontdesk.gateway.micrometer.internal;

import static dev.frontdesk.gateway.micrometer.internal.Tagging.METHOD;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.METHODS;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.OUTCOME;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.ROUTE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.SERVER_DURATION;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.SERVER_REQUEST_BODY;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.SERVER_RESPONSE_BODY;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.STATUS_CODE;
import static dev.frontdesk.gateway.micrometer.internal.Tagging.UNMATCHED;

import dev.frontdesk.gateway.ExchangeOutcome;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One route's request timers, by method slot and then status, and its body sizes. */
final class RouteMeters {
  private final List<IntTable<Timer>> timersByMethod;
  private final DistributionSummary requestBody;
  private final DistributionSummary responseBody;

  RouteMeters(Meters meters, String id) {
    String route = id.isEmpty() ? UNMATCHED : id;
    List<IntTable<Timer>> tables = new ArrayList<>(METHODS.length);
    for (String method : METHODS) {
      Tags tags = Tags.of(ROUTE, route, METHOD, method);
      tables.add(
          new IntTable<>(
              status ->
                  meters.timer(
                      SERVER_DURATION,
                      "Time from a request's arrival to the last byte of its answer",
                      tags.and(
                          STATUS_CODE,
                          Integer.toString(status),
                          OUTCOME,
                          Tagging.outcome(status)))));
    }
    this.timersByMethod = List.copyOf(tables);
    Tags routeOnly = Tags.of(ROUTE, route);
    this.requestBody =
        meters.bytes(SERVER_REQUEST_BODY, "Request body bytes read from the client", routeOnly);
    this.responseBody =
        meters.bytes(SERVER_RESPONSE_BODY, "Response body bytes handed to the client", routeOnly);
  }

  void record(int methodSlot, ExchangeOutcome outcome) {
    timersByMethod
        .get(methodSlot)
        .get(outcome.status())
        .record(outcome.nanos(), TimeUnit.NANOSECONDS);
    requestBody.record(outcome.bytesReceived());
    responseBody.record(outcome.bytesSent());
  }
}
