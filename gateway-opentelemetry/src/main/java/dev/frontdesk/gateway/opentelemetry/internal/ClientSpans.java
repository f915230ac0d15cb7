package dev.frontdesk.gateway.opentelemetry.internal;

import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.ERROR_TYPE;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.HTTP_REQUEST_METHOD;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.HTTP_REQUEST_RESEND_COUNT;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.HTTP_RESPONSE_STATUS_CODE;

import dev.frontdesk.gateway.UpstreamAttempt;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The client span of one upstream try: how it starts and how it ends. */
final class ClientSpans {
  private ClientSpans() {}

  /**
   * Starts the try's span with the attributes samplers may use (semantic conventions: method,
   * server address and port, given at creation) and Frontdesk's upstream and instance, made once
   * per instance.
   */
  static Span start(
      Tracer tracer, Context parent, ServerAddresses addresses, UpstreamAttempt attempt) {
    // named {method} alone: the upstream's URL template is not known here (semantic conventions,
    // HTTP client span name)
    SpanBuilder builder =
        tracer
            .spanBuilder(attempt.method())
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent)
            .setAttribute(HTTP_REQUEST_METHOD, attempt.method())
            .setAllAttributes(addresses.clientAttributes(attempt.upstream(), attempt.instance()));
    if (attempt.number() > 1) {
      builder.setAttribute(HTTP_REQUEST_RESEND_COUNT, attempt.number() - 1L);
    }
    return builder.startSpan();
  }

  /**
   * Client spans: a 4xx is an error too, unlike on the server side (semantic conventions, HTTP span
   * status). Nothing is worked out for a span that records nothing.
   */
  static void end(Span span, int status, @Nullable IOException failure) {
    if (span.isRecording()) {
      if (status > 0) {
        span.setAttribute(HTTP_RESPONSE_STATUS_CODE, SpanAttributes.status(status));
      }
      if (failure != null) {
        span.recordException(failure);
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
      } else if (status >= 400) {
        span.setAttribute(ERROR_TYPE, Integer.toString(status));
        span.setStatus(StatusCode.ERROR);
      }
    }
    span.end();
  }

  /** Ends a span whose try was never reported finished. */
  static void abandon(Span span, String why) {
    span.setAttribute(ERROR_TYPE, "abandoned");
    span.setStatus(StatusCode.ERROR, why);
    span.end();
  }
}
