package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.RetryPolicy;
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

/** One try of an upstream call on one endpoint: its response or failure, and how long it took. */
final class Attempt {
  private final @Nullable UpstreamResponse response;
  private final @Nullable IOException error;
  private final long millis;

  private Attempt(@Nullable UpstreamResponse response, @Nullable IOException error, long millis) {
    this.response = response;
    this.error = error;
    this.millis = millis;
  }

  /** Sends the request to the endpoint, with its URL and the plan's limits as of now. */
  static Attempt run(UpstreamTransport transport, Endpoint endpoint, Request request,
      dev.frontdesk.gateway.Headers headers, CallPlan plan) {
    UpstreamRequest sent = new UpstreamRequest(request.method(),
        endpoint.origin().target(request.path(), request.query()), headers, plan.body.body());
    long start = System.nanoTime();
    endpoint.requestSent();
    try {
      UpstreamResponse response = transport.send(endpoint.origin(), sent, plan.attemptDeadlines());
      return new Attempt(response, null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } catch (IOException e) {
      return new Attempt(null, e, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } finally {
      endpoint.requestAnswered();
    }
  }

  static boolean connectFailure(IOException e) {
    return e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException
        || (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
  }

  /** Whether the upstream failed: no answer, or a 5xx. The client's broken body is not its fault. */
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
