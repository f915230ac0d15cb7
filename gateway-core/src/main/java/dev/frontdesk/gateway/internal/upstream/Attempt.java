package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/** One try of an upstream call on one endpoint: its response or failure, and how long it took. */
final class Attempt {
  private final okhttp3.@Nullable Response response;
  private final @Nullable IOException error;
  private final long millis;

  private Attempt(okhttp3.@Nullable Response response, @Nullable IOException error, long millis) {
    this.response = response;
    this.error = error;
    this.millis = millis;
  }

  static Attempt run(Endpoint endpoint, okhttp3.Request template, Request request,
      Function<okhttp3.Request, Call> calls, long timeoutNanos, Supplier<ScheduledExecutorService> scheduler) {
    okhttp3.Request sent = template.newBuilder().url(endpoint.url(request.path(), request.query())).build();
    long start = System.nanoTime();
    endpoint.requestSent();
    try {
      okhttp3.Response response = send(sent, request, calls, start, timeoutNanos, scheduler);
      return new Attempt(response, null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } catch (IOException e) {
      return new Attempt(null, e, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } finally {
      endpoint.requestAnswered();
    }
  }

  private static okhttp3.Response send(okhttp3.Request sent, Request request, Function<okhttp3.Request, Call> calls,
      long start, long timeoutNanos, Supplier<ScheduledExecutorService> scheduler) throws IOException {
    try {
      return sendOnce(sent, calls, start, timeoutNanos, scheduler);
    } catch (IOException e) {
      if (!staleConnection(request, e)) {
        throw e;
      }
      // A pooled keep-alive connection the upstream had already closed: the request never reached
      // it, and a body-less safe request (RFC 9110 §9.2.1) may be sent again once, to the same place.
      return sendOnce(sent, calls, start, timeoutNanos, scheduler);
    }
  }

  private static okhttp3.Response sendOnce(okhttp3.Request sent, Function<okhttp3.Request, Call> calls,
      long start, long timeoutNanos, Supplier<ScheduledExecutorService> scheduler) throws IOException {
    Call call = calls.apply(sent);
    long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1_000_000, timeoutNanos - (System.nanoTime() - start));
    Watchdog watchdog = left == Long.MAX_VALUE ? null : Watchdog.arm(call, scheduler.get(), left);
    okhttp3.Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      if (watchdog != null && !watchdog.disarm()) {
        throw timedOut(timeoutNanos, e);
      }
      throw e;
    }
    if (watchdog != null && !watchdog.disarm()) {
      response.close();
      throw timedOut(timeoutNanos, null);
    }
    return response;
  }

  private static InterruptedIOException timedOut(long nanos, @Nullable IOException cause) {
    InterruptedIOException e = new InterruptedIOException(
        "no response headers within " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static boolean staleConnection(Request request, IOException e) {
    String m = request.method();
    boolean safe = m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS");
    return safe && request.body().isEmpty() && !(e instanceof InterruptedIOException) && !connectFailure(e);
  }

  static boolean connectFailure(IOException e) {
    return e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException
        || (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
  }

  /** Whether the upstream failed: no answer, or a 5xx. */
  boolean failed() {
    return response == null || response.code() >= 500;
  }

  long millis() {
    return millis;
  }

  /** Whether the policy retries this kind of outcome at all. */
  boolean retryable(RetryPolicy policy) {
    return response == null || policy.statuses().contains(response.code());
  }

  /** Whether the attempt failed before anything was sent. */
  boolean connectFailure() {
    return error != null && connectFailure(error);
  }

  /** Whether any of a tracked streamed body was read. */
  boolean bodyTouched(Request request) {
    ReplayableBody.Tracker tracker = request.attribute(ReplayableBody.TRACKER);
    return tracker != null && tracker.touched;
  }

  /** Releases a response that will not be used. */
  void discard() {
    if (response != null) {
      response.close();
    }
  }

  okhttp3.Response result() throws IOException {
    if (response != null) {
      return response;
    }
    throw java.util.Objects.requireNonNull(error);
  }

  String describe() {
    return response != null ? "status " + response.code() : String.valueOf(error);
  }
}
