package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.UpstreamOverrides;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The try loop of one upstream call: pick an endpoint not tried yet, send, and on a retryable
 * failure try again elsewhere while the {@link RetryPolicy}, its budget and the deadline allow.
 * It returns as soon as response headers are accepted: the body is then the client's, and nothing
 * is retried any more.
 */
public final class UpstreamCaller {
  private static final Logger log = LoggerFactory.getLogger(UpstreamCaller.class);

  private final UpstreamGroup group;
  private final RetryPolicy retry;
  private final @Nullable Duration tryTimeout;
  private final @Nullable Duration deadline;
  private final Supplier<ScheduledExecutorService> scheduler;

  public UpstreamCaller(UpstreamGroup group, RetryPolicy retry, @Nullable Duration tryTimeout,
      @Nullable Duration deadline, Supplier<ScheduledExecutorService> scheduler) {
    this.group = group;
    this.retry = retry;
    this.tryTimeout = tryTimeout;
    this.deadline = deadline;
    this.scheduler = scheduler;
  }

  public UpstreamGroup group() {
    return group;
  }

  /**
   * Readies the request's body for the policy: buffered when allowed, otherwise tracked, so that
   * the loop knows whether any of it was sent and whether the client failed to send it.
   */
  public Request prepare(Request request) throws IOException {
    RetryPolicy policy = policy(request);
    return ReplayableBody.prepare(request, policy.maxAttempts() > 1 ? policy.bufferBodiesUpTo() : 0);
  }

  /**
   * Sends {@code template} (its URL is replaced per endpoint) until an attempt succeeds or may not
   * be retried; returns that attempt's response, or throws its failure.
   */
  public okhttp3.Response execute(okhttp3.Request template, Request request,
      Function<okhttp3.Request, Call> calls) throws IOException {
    RetryPolicy policy = policy(request);
    UpstreamOverrides overrides = request.attribute(UpstreamOverrides.KEY);
    Duration perTry = overrides != null && overrides.tryTimeout() != null ? overrides.tryTimeout() : tryTimeout;
    Duration total = overrides != null && overrides.deadline() != null ? overrides.deadline() : deadline;
    long start = System.nanoTime();
    long end = total == null ? Long.MAX_VALUE : start + total.toNanos();
    CircuitBreaker breaker = group.upstreamBreaker();
    group.budget().onRequest(group.clock().millis());
    List<Endpoint> tried = new ArrayList<>(policy.maxAttempts());
    Attempt attempt = null;
    for (int n = 1; ; n++) {
      if (breaker != null && !breaker.tryAcquire(group.clock().millis())) {
        throw circuitOpen(attempt, breaker);
      }
      Endpoint endpoint = group.pick(request, tried);
      if (endpoint == null) {
        if (breaker != null) {
          breaker.record(true, 0, group.clock().millis()); // returns the permit: nobody to call is a failure
        }
        return finish(attempt, () -> new GatewayException(503, "Service Unavailable",
            "upstream '" + group.name() + "' has no instance available"));
      }
      tried.add(endpoint);
      attempt = Attempt.run(endpoint, template, request, calls, timeout(perTry, end), scheduler);
      boolean failed = attempt.failed() && !ReplayableBody.clientFailed(request); // the client's fault is not the instance's
      group.record(endpoint, failed, attempt.millis());
      if (breaker != null) {
        breaker.record(failed, attempt.millis(), group.clock().millis());
      }
      if (!shouldRetry(attempt, request, policy, n, end, tried)) {
        return finish(attempt, null);
      }
      log.debug("upstream '{}': retrying {} {} after {} from {}", group.name(), request.method(), request.path(), attempt.describe(), endpoint);
      attempt.discard();
      backoff(policy, n, end);
    }
  }

  private RetryPolicy policy(Request request) {
    UpstreamOverrides overrides = request.attribute(UpstreamOverrides.KEY);
    return overrides != null && overrides.retry() != null ? overrides.retry() : retry;
  }

  private static long timeout(@Nullable Duration perTry, long end) {
    long left = end == Long.MAX_VALUE ? Long.MAX_VALUE : end - System.nanoTime();
    return perTry == null ? left : Math.min(perTry.toNanos(), left);
  }

  private boolean shouldRetry(Attempt attempt, Request request, RetryPolicy policy, int n, long end, List<Endpoint> tried) {
    if (n >= policy.maxAttempts() || !attempt.retryable(policy) || ReplayableBody.clientFailed(request)) {
      return false;
    }
    boolean sendable = ReplayableBody.resendable(request);
    boolean allowed = attempt.connectFailure() ? sendable || !attempt.bodyTouched(request) : sendable && idempotent(request, policy);
    return allowed && System.nanoTime() < end && group.hasUntried(tried) && group.budget().tryRetry(group.clock().millis(), policy.budgetRatio(), policy.budgetMinPerSecond());
  }

  /** RFC 9110 §9.2.2 idempotent methods, and keyed POST/PATCH when the policy opts in. */
  static boolean idempotent(Request request, RetryPolicy policy) {
    return switch (request.method()) {
      case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
      case "POST", "PATCH" -> policy.retryIdempotencyKeyRequests() && request.header("Idempotency-Key") != null;
      default -> false;
    };
  }

  private static void backoff(RetryPolicy policy, int n, long end) throws InterruptedIOException {
    long cap = Math.min(policy.maxBackoff().toNanos(), policy.backoff().toNanos() << Math.min(n - 1, 20));
    long wait = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1); // "equal jitter"
    wait = Math.min(wait, end - System.nanoTime());
    if (wait <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  private static okhttp3.Response finish(@Nullable Attempt attempt, @Nullable Supplier<GatewayException> none) throws IOException {
    if (attempt == null) {
      throw java.util.Objects.requireNonNull(none).get();
    }
    return attempt.result();
  }

  private GatewayException circuitOpen(@Nullable Attempt attempt, CircuitBreaker breaker) {
    if (attempt != null) {
      attempt.discard();
    }
    long retryAfter = breaker.secondsUntilHalfOpen(group.clock().millis());
    return new GatewayException(503, "Service Unavailable",
        "upstream '" + group.name() + "' is failing; calls are paused (circuit open)",
        Headers.of("Retry-After", Long.toString(retryAfter)), null); // RFC 9110 §10.2.3
  }
}
