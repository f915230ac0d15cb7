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
import java.util.Collection;
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
  private final Context incoming;

  /** The incoming context with the server span: made for the first upstream try, if one is made. */
  private volatile @Nullable Context serverContext;

  private final AttemptSpans attempts = new AttemptSpans();
  private volatile @Nullable GatewayException problem;

  private TracedExchange(
      Tracer tracer,
      TextMapPropagator propagator,
      ServerAddresses addresses,
      String method,
      Span server,
      Context incoming) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.addresses = addresses;
    this.method = method;
    this.server = server;
    this.incoming = incoming;
  }

  /**
   * Starts the server span, continuing the trace whose context the client's headers carry, with the
   * attributes samplers may use (semantic conventions: given at creation).
   */
  public static TracedExchange start(
      Tracer tracer, TextMapPropagator propagator, ServerAddresses addresses, Request request) {
    Context incoming = propagator.extract(Context.root(), request.headers(), HeadersCarrier.GETTER);
    SpanBuilder builder =
        tracer
            .spanBuilder(request.method())
            .setSpanKind(SpanKind.SERVER)
            .setParent(incoming)
            .setAttribute(HTTP_REQUEST_METHOD, request.method())
            .setAttribute(URL_PATH, request.path())
            .setAttribute(URL_SCHEME, request.scheme());
    String userAgent = request.header("User-Agent");
    if (userAgent != null) {
      builder.setAttribute(USER_AGENT_ORIGINAL, userAgent);
    }
    return new TracedExchange(
        tracer, propagator, addresses, request.method(), builder.startSpan(), incoming);
  }

  /**
   * Names the span after the route ({@code GET users}); an unmatched request keeps {@code GET}. A
   * span that records nothing (not sampled) is left alone.
   */
  @Override
  public void routed(Route route, Request request) {
    if (!server.isRecording()) {
      return;
    }
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
   * A propagator with no fields (OpenTelemetry's no-op) leaves the headers as they are.
   */
  @Override
  public Headers attemptStarted(UpstreamAttempt attempt, Headers headers) {
    Context parent = serverContext();
    Span span = ClientSpans.start(tracer, parent, addresses, attempt);
    attempts.put(attempt, span);
    Collection<String> fields = propagator.fields();
    if (fields.isEmpty()) {
      return headers;
    }
    Headers.Builder sent = headers.newBuilder();
    for (String field : fields) {
      sent.remove(field);
    }
    propagator.inject(parent.with(span), sent, HeadersCarrier.SETTER);
    return sent.build();
  }

  /** Tries of parallel legs may race to make it: each makes an equal one, and one is kept. */
  private Context serverContext() {
    Context context = serverContext;
    if (context == null) {
      context = incoming.with(server);
      serverContext = context;
    }
    return context;
  }

  @Override
  public void attemptFinished(
      UpstreamAttempt attempt, int status, @Nullable IOException failure, long nanos) {
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
    if (server.isRecording()) {
      describe(outcome);
    }
    server.end();
  }

  private void describe(ExchangeOutcome outcome) {
    server.setAttribute(HTTP_RESPONSE_STATUS_CODE, SpanAttributes.status(outcome.status()));
    GatewayException p = problem;
    if (p != null) {
      server.setAttribute(ERROR_TYPE, p.reason());
    } else if (outcome.status() >= 500) {
      server.setAttribute(ERROR_TYPE, Integer.toString(outcome.status()));
    }
    // server spans: only 5xx is an error; a 4xx is the client's (semantic conventions, HTTP span
    // status)
    if (outcome.status() >= 500) {
      server.setStatus(StatusCode.ERROR, p != null ? p.detail() : "");
    }
    String failure = outcome.failure();
    if (failure != null) {
      server.setAttribute(INCOMPLETE, failure);
      if (failure.startsWith(
          "upstream broke")) { // the client got a truncated answer: not its doing
        server.setStatus(StatusCode.ERROR, failure);
      }
    }
  }
}
