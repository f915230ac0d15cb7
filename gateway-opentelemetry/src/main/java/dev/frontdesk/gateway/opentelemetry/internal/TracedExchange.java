package dev.frontdesk.gateway.opentelemetry.internal;

import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.CLIENT_ADDRESS;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.ERROR_TYPE;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.HTTP_REQUEST_METHOD;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.HTTP_RESPONSE_STATUS_CODE;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.HTTP_ROUTE;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.INCOMPLETE;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.REQUEST_ID;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.ROUTE_ID;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.URL_PATH;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.URL_SCHEME;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.USER_AGENT_ORIGINAL;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.ExchangeOutcome;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.UpstreamAttempt;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One request's spans: the server span, started when the request arrives and ended when its answer
 * is closed, and a client span per upstream try. The context is passed explicitly as a parent and
 * never made current, so no scope can outlive a call or leak onto a pooled thread.
 */
public final class TracedExchange implements ExchangeListener {
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final ServerAddresses addresses;
  private final String method;
  private final Span server;
  private final Context serverContext;
  private final AttemptSpans attempts = new AttemptSpans();
  private volatile @Nullable GatewayException problem;

  private TracedExchange(Tracer tracer, TextMapPropagator propagator, ServerAddresses addresses, String method,
      Span server, Context serverContext) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.addresses = addresses;
    this.method = method;
    this.server = server;
    this.serverContext = serverContext;
  }

  /** Starts the server span, continuing the trace whose context the client's headers carry. */
  public static TracedExchange start(Tracer tracer, TextMapPropagator propagator, ServerAddresses addresses,
      Request request) {
    Context incoming = propagator.extract(Context.root(), request.headers(), HeadersCarrier.GETTER);
    SpanBuilder builder = tracer.spanBuilder(request.method())
        .setSpanKind(SpanKind.SERVER)
        .setParent(incoming)
        .setAttribute(HTTP_REQUEST_METHOD, request.method())
        .setAttribute(URL_PATH, request.path())
        .setAttribute(URL_SCHEME, request.scheme());
    String userAgent = request.header("User-Agent");
    if (userAgent != null) {
      builder.setAttribute(USER_AGENT_ORIGINAL, userAgent);
    }
    Span server = builder.startSpan();
    return new TracedExchange(tracer, propagator, addresses, request.method(), server, incoming.with(server));
  }

  /** Names the span after the route ({@code GET users}); an unmatched request keeps {@code GET}. */
  @Override
  public void routed(Route route, Request request) {
    if (!route.id().isEmpty()) {
      server.updateName(method + " " + route.id());
      server.setAttribute(ROUTE_ID, route.id());
      server.setAttribute(HTTP_ROUTE, route.path());
    }
    String client = request.attribute(Attributes.CLIENT_ADDRESS);
    if (client != null) {
      server.setAttribute(CLIENT_ADDRESS, client);
    }
    String requestId = request.attribute(Attributes.REQUEST_ID);
    if (requestId != null) {
      server.setAttribute(REQUEST_ID, requestId);
    }
  }

  /**
   * Starts the try's client span and sends its context instead of the client's: the propagator's
   * fields are removed first, so a {@code tracestate} of a trace the gateway did not continue (the
   * client's {@code traceparent} was malformed) is not sent along with the new {@code traceparent}.
   */
  @Override
  public Headers attemptStarted(UpstreamAttempt attempt, Headers headers) {
    Span span = ClientSpans.start(tracer, serverContext, addresses, attempt);
    attempts.put(attempt, span);
    Headers.Builder sent = headers.newBuilder();
    for (String field : propagator.fields()) {
      sent.remove(field);
    }
    propagator.inject(serverContext.with(span), sent, HeadersCarrier.SETTER);
    return sent.build();
  }

  @Override
  public void attemptFinished(UpstreamAttempt attempt, int status, @Nullable IOException failure, long nanos) {
    Span span = attempts.remove(attempt);
    if (span != null) {
      ClientSpans.end(span, status, failure);
    }
  }

  /** Keeps the first problem: it is the cause, and what follows only reports it. */
  @Override
  public void problem(GatewayException problem) {
    if (this.problem == null) {
      this.problem = problem;
    }
  }

  @Override
  public void finished(ExchangeOutcome outcome) {
    attempts.endAll("the exchange finished before the upstream try did");
    server.setAttribute(HTTP_RESPONSE_STATUS_CODE, outcome.status());
    GatewayException p = problem;
    if (p != null) {
      server.setAttribute(ERROR_TYPE, p.reason());
    } else if (outcome.status() >= 500) {
      server.setAttribute(ERROR_TYPE, Integer.toString(outcome.status()));
    }
    // server spans: only 5xx is an error; a 4xx is the client's (semantic conventions, HTTP span status)
    if (outcome.status() >= 500) {
      server.setStatus(StatusCode.ERROR, p != null ? p.detail() : "");
    }
    String failure = outcome.failure();
    if (failure != null) {
      server.setAttribute(INCOMPLETE, failure);
      if (failure.startsWith("upstream broke")) { // the client got a truncated answer: not its doing
        server.setStatus(StatusCode.ERROR, failure);
      }
    }
    server.end();
  }
}
