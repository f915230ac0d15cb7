package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.internal.TimeSource;
import dev.frontdesk.gateway.internal.http.Deadlines;
import dev.frontdesk.gateway.internal.http.UpstreamResponse;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The try loop of one upstream call: pick an instance not tried yet, send, and on a retryable
 * failure try again elsewhere while the {@link RetryPolicy}, its budget and the deadline allow. It
 * returns as soon as response headers are accepted: the body is then the client's, and nothing is
 * retried any more. A route's single URL is a group of one, without retries.
 */
public final class UpstreamCaller {
  private static final Logger log = LoggerFactory.getLogger(UpstreamCaller.class);

  private final UpstreamGroup group;
  private final UpstreamTransport transport;
  private final RetryPolicy retry;
  private final @Nullable Duration tryTimeout;
  private final @Nullable Duration deadline;
  private final TimeSource time;

  public UpstreamCaller(
      UpstreamGroup group,
      UpstreamTransport transport,
      RetryPolicy retry,
      @Nullable Duration tryTimeout,
      @Nullable Duration deadline,
      TimeSource time) {
    this.group = group;
    this.time = time;
    this.transport = transport;
    this.retry = retry;
    this.tryTimeout = tryTimeout;
    this.deadline = deadline;
  }

  /**
   * Sends the request (its canonical path and query, these headers, this body) until an attempt
   * succeeds or may not be retried; returns that attempt's response, or throws its failure. Each
   * attempt is reported to {@code exchange}.
   */
  public UpstreamResponse call(
      Request request,
      Headers headers,
      Body body,
      CallOptions options,
      long connectMillis,
      long readMillis,
      ExchangeListener exchange)
      throws IOException {
    CallPlan plan = plan(body, options, connectMillis, readMillis);
    CircuitBreaker breaker = group.upstreamBreaker();
    group.budget().onRequest(group.millis());
    List<LiveInstance> tried = new ArrayList<>(2);
    Attempt attempt = null;
    for (int n = 1; ; n++) {
      if (breaker != null && !breaker.tryAcquire(group.millis())) {
        throw circuitOpen(attempt, breaker);
      }
      LiveInstance instance = group.pick(request, tried);
      if (instance == null) {
        if (breaker != null) {
          breaker.record(
              true, 0, group.millis()); // returns the permit: nobody to call is a failure
        }
        return finish(attempt);
      }
      tried.add(instance);
      attempt = Attempt.run(transport, instance, request, headers, plan, exchange, group.name(), n);
      record(instance, breaker, attempt);
      long wait = retryWait(attempt, request, plan, n, tried);
      if (wait < 0) {
        return attempt.result();
      }
      log.debug(
          "upstream '{}': retrying {} {} after {} from {}",
          group.name(),
          request.method(),
          request.path(),
          attempt.describe(),
          instance);
      attempt.retrying(exchange);
      attempt.discard();
      sleep(wait);
    }
  }

  /**
   * An instance for a connection that is not one HTTP exchange (a WebSocket), chosen as a first
   * attempt would be; null when none is available. Nothing is retried over such a connection. The
   * caller reports how the handshake went with {@link #handshakeDone}: the pick may have taken a
   * half-open circuit's trial, which only an outcome gives back.
   */
  public @Nullable LiveInstance pick(Request request) {
    return group.pick(request, List.of());
  }

  /** Now on the gateway's ticker, in milliseconds: when a handshake to a picked instance began. */
  public long millis() {
    return group.millis();
  }

  /**
   * Counts the handshake to an instance from {@link #pick(Request)} as any call is counted, for
   * outlier detection and the instance's circuit.
   *
   * @param failed whether the instance failed (no answer, a 5xx, a broken handshake)
   * @param startedMillis {@link #millis()} when the handshake began
   */
  public void handshakeDone(LiveInstance instance, boolean failed, long startedMillis) {
    group.record(instance, failed, group.millis() - startedMillis);
  }

  /** The upstream's name, for messages. */
  public String upstreamName() {
    return group.name();
  }

  /** What this call needs, resolved once: policy, limits as instants, the body readied. */
  private CallPlan plan(Body body, CallOptions options, long connectMillis, long readMillis)
      throws IOException {
    RetryPolicy policy = options.retry() != null ? options.retry() : retry;
    Duration perTry = options.tryTimeout() != null ? options.tryTimeout() : tryTimeout;
    Duration total = options.deadline() != null ? options.deadline() : deadline;
    Duration call = options.callTimeout();
    long now = time.read();
    ReplayableBody prepared =
        ReplayableBody.of(body, policy.maxAttempts() > 1 ? policy.bufferBodiesUpTo() : 0);
    long callBy = call == null ? Deadlines.NONE : now + call.toNanos();
    long end = total == null ? Deadlines.NONE : now + total.toNanos();
    return new CallPlan(
        time,
        policy,
        perTry == null ? Long.MAX_VALUE : perTry.toNanos(),
        Math.min(end, callBy), // the cap on the whole call is one on its headers, and its retries
        callBy,
        connectMillis,
        readMillis,
        prepared);
  }

  private void record(LiveInstance instance, @Nullable CircuitBreaker breaker, Attempt attempt) {
    boolean failed = attempt.upstreamFailed();
    group.record(instance, failed, attempt.millis());
    if (breaker != null) {
      breaker.record(failed, attempt.millis(), group.millis());
    }
  }

  /**
   * The back-off in nanoseconds before trying again after {@code attempt}, or -1 not to. A retry
   * the back-off would start at or past the deadline is not made: it could only end in a 504, after
   * an instance did the work for nobody, where the client can have the answer already in hand. The
   * back-off is drawn only for an attempt that may be retried, not for every answer.
   */
  private long retryWait(
      Attempt attempt, Request request, CallPlan plan, int n, List<LiveInstance> tried) {
    RetryPolicy policy = plan.retry;
    if (n >= policy.maxAttempts() || !attempt.retryable(policy) || attempt.clientFailed()) {
      return -1;
    }
    boolean sendable = plan.body.resendable();
    boolean allowed =
        attempt.connectFailure()
            ? sendable || !plan.body.touched()
            : sendable && idempotent(request, policy);
    long wait = backoff(policy, n);
    if (!allowed || plan.pastDeadline(wait) || !group.hasUntried(tried)) {
      return -1;
    }
    if (!group
        .budget()
        .tryRetry(group.millis(), policy.budgetRatio(), policy.budgetMinPerSecond())) {
      group.events().retryBudgetExhausted(group.name());
      return -1;
    }
    return wait;
  }

  /** RFC 9110 §9.2.2 idempotent methods, and keyed POST/PATCH when the policy opts in. */
  static boolean idempotent(Request request, RetryPolicy policy) {
    return switch (request.method()) {
      case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
      case "POST", "PATCH" ->
          policy.retryIdempotencyKeyRequests() && request.header("Idempotency-Key") != null;
      default -> false;
    };
  }

  /** The "equal jitter" exponential back-off before try n + 1, in nanoseconds. */
  private static long backoff(RetryPolicy policy, int n) {
    long cap =
        Math.min(policy.maxBackoff().toNanos(), policy.backoff().toNanos() << Math.min(n - 1, 20));
    return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1); // "equal jitter"
  }

  /** Waits out a back-off on the gateway's ticker. */
  private void sleep(long wait) throws InterruptedIOException {
    if (wait <= 0) {
      return;
    }
    try {
      time.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  private UpstreamResponse finish(@Nullable Attempt attempt) throws IOException {
    if (attempt == null) {
      throw GatewayException.serviceUnavailable(
          "upstream '" + group.name() + "' has no instance available");
    }
    return attempt.result();
  }

  private GatewayException circuitOpen(@Nullable Attempt attempt, CircuitBreaker breaker) {
    if (attempt != null) {
      attempt.discard();
    }
    long retryAfter = breaker.secondsUntilHalfOpen(group.millis());
    return GatewayException.serviceUnavailable(
            "upstream '" + group.name() + "' is failing; calls are paused (circuit open)")
        .withHeaders(Headers.of("Retry-After", Long.toString(retryAfter))); // RFC 9110 §10.2.3
  }
}
