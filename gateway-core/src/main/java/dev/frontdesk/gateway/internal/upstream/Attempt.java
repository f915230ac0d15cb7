package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.UpstreamAttempt;
import dev.frontdesk.gateway.internal.http.ClientBody;
import dev.frontdesk.gateway.internal.http.UpstreamRequest;
import dev.frontdesk.gateway.internal.http.UpstreamResponse;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** One try of an upstream call on one instance: its response or failure, and how long it took. */
final class Attempt {
  private final @Nullable UpstreamResponse response;
  private final @Nullable IOException error;
  private final long millis;
  private final @Nullable UpstreamAttempt observed;

  private Attempt(
      @Nullable UpstreamResponse response,
      @Nullable IOException error,
      long nanos,
      @Nullable UpstreamAttempt observed) {
    this.response = response;
    this.error = error;
    this.millis = TimeUnit.NANOSECONDS.toMillis(nanos);
    this.observed = observed;
  }

  /**
   * Sends the request to the instance, with its URL and the plan's limits as of now, and reports
   * the try to {@code exchange} unless nobody listens.
   */
  static Attempt run(
      UpstreamTransport transport,
      LiveInstance instance,
      Request request,
      Headers headers,
      CallPlan plan,
      ExchangeListener exchange,
      String upstream,
      int number) {
    UpstreamAttempt observed =
        exchange == ExchangeListener.NONE
            ? null
            : new UpstreamAttempt(upstream, instance.toString(), number, request.method());
    Headers sentHeaders = observed == null ? headers : exchange.attemptStarted(observed, headers);
    UpstreamRequest sent =
        new UpstreamRequest(
            request.method(),
            instance.origin().target(request.path(), request.query()),
            sentHeaders,
            plan.body.body());
    long start = plan.time.read();
    instance.requestSent();
    Attempt attempt;
    try {
      UpstreamResponse response = transport.send(instance.origin(), sent, plan.attemptDeadlines());
      attempt = new Attempt(response, null, plan.time.read() - start, observed);
    } catch (IOException e) {
      attempt = new Attempt(null, e, plan.time.read() - start, observed);
    } finally {
      instance.requestAnswered();
    }
    if (observed != null) {
      exchange.attemptFinished(
          observed,
          attempt.response != null ? attempt.response.status() : 0,
          attempt.error,
          plan.time.read() - start);
    }
    return attempt;
  }

  /** Tells the exchange that this failed try will be retried. */
  void retrying(ExchangeListener exchange) {
    if (observed != null) {
      exchange.retrying(observed);
    }
  }

  static boolean connectFailure(IOException e) {
    return e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof UnknownHostException
        || (e instanceof SocketTimeoutException
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
  }

  /**
   * Whether the upstream failed: no answer, or a 5xx. The client's broken body is not its fault.
   */
  boolean upstreamFailed() {
    return response == null ? !clientFailed() : response.status() >= 500;
  }

  /** Whether reading the client's body failed: the client's fault, never retried. */
  boolean clientFailed() {
    return error != null && ClientBody.failed(error);
  }

  long millis() {
    return millis;
  }

  /** Whether the policy retries this kind of outcome at all. */
  boolean retryable(RetryPolicy policy) {
    return response == null || policy.statuses().contains(response.status());
  }

  /** Whether the attempt failed before anything was sent. */
  boolean connectFailure() {
    return error != null && connectFailure(error);
  }

  /** Releases a response that will not be used. */
  void discard() {
    if (response != null) {
      try {
        response.body().close();
      } catch (IOException ignored) {
        // the connection is given up either way
      }
    }
  }

  UpstreamResponse result() throws IOException {
    if (response != null) {
      return response;
    }
    throw java.util.Objects.requireNonNull(error);
  }

  String describe() {
    return response != null ? "status " + response.status() : String.valueOf(error);
  }
}
