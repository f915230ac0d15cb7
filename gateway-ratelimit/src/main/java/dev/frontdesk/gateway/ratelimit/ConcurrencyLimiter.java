package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.ratelimit.internal.InFlight;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Middleware that caps the requests in flight per key (per route by default): a request over the
 * cap waits up to {@link Builder#maxWait(Duration)} for a slot, then is answered {@code 503 Service
 * Unavailable} (problem+json) with {@code Retry-After}. A slot is held until the response body has
 * been read or closed, since a streaming upstream keeps working until then.
 *
 * <pre>{@code
 * r.path("/reports/**").use(ConcurrencyLimiter.builder().maxConcurrent(4)
 *     .maxWait(Duration.ofMillis(500)).build()).proxyTo(reports)
 * }</pre>
 */
public final class ConcurrencyLimiter implements Middleware {
  private final int maxConcurrent;
  private final KeyResolver key;
  private final Duration maxWait;
  private final Headers rejectionHeaders;
  private final InFlight inFlight;

  private ConcurrencyLimiter(Builder b) {
    this.maxConcurrent = b.maxConcurrent;
    this.key = b.key;
    this.maxWait = b.maxWait;
    this.rejectionHeaders =
        Headers.of("Retry-After", Long.toString(Math.max(1, b.retryAfter.toSeconds())));
    this.inFlight = new InFlight(b.maxConcurrent);
  }

  /** Starts a concurrency limiter; {@code maxConcurrent} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String k = key.resolve(request);
    if (k == null) {
      return chain.proceed(request);
    }
    InFlight.Slot slot;
    try {
      slot = inFlight.acquire(k, maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a concurrency slot", e);
    }
    if (slot == null) {
      throw GatewayException.serviceUnavailable(
              "too many requests in progress (at most " + maxConcurrent + ")")
          .withHeaders(rejectionHeaders);
    }
    try {
      return slot.releaseWhenDone(chain.proceed(request));
    } catch (Throwable e) { // an Error too: a slot kept by one would be lost for good
      slot.release();
      throw e;
    }
  }

  /**
   * Requests in flight under {@code key} (as resolved, e.g. {@code route:orders}): for tests and
   * metrics.
   */
  public int inFlight(String key) {
    return inFlight.inUse(key);
  }

  /** Requests waiting for a slot under {@code key}: for tests and metrics. */
  public int waiting(String key) {
    return inFlight.waiting(key);
  }

  @Override
  public String toString() {
    return "ConcurrencyLimiter{max " + maxConcurrent + ", wait " + maxWait + "}";
  }

  /**
   * Builds a {@link ConcurrencyLimiter}. Defaults: key {@link KeyResolver#route()}, no waiting,
   * Retry-After 1 s. {@code maxConcurrent} is required.
   *
   * <p>A bad value does not throw where it is given (a null does, {@link NullPointerException}): it
   * is recorded, the option keeps its previous value, and {@link #build()} throws one {@link
   * GatewayConfigException} listing every mistake.
   */
  public static final class Builder {
    private int maxConcurrent = -1;
    private boolean maxConcurrentGiven; // a refused one is reported as such, not as missing
    private KeyResolver key = KeyResolver.route();
    private Duration maxWait = Duration.ZERO;
    private Duration retryAfter = Duration.ofSeconds(1);
    private final BuilderProblems problems = new BuilderProblems("ConcurrencyLimiter: ");

    private Builder() {}

    /**
     * The mistakes the setters recorded so far, each naming this limiter: a bad value is recorded
     * instead of thrown, and {@link #build()} throws them all. For tools that point at their own
     * input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /** The most requests in flight per key. Required. */
    public Builder maxConcurrent(int maxConcurrent) {
      maxConcurrentGiven = true;
      if (maxConcurrent < 1) {
        problems.add("maxConcurrent must be at least 1: " + maxConcurrent);
      } else {
        this.maxConcurrent = maxConcurrent;
      }
      return this;
    }

    /** Whose requests count together: the route (default), a client, a consumer. */
    public Builder key(KeyResolver key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * How long a request over the cap waits for a slot before it is answered 503; zero: not at all.
     */
    public Builder maxWait(Duration maxWait) {
      Objects.requireNonNull(maxWait, "maxWait");
      problems.check(() -> this.maxWait = Durations.nonNegative(maxWait, "maxWait"));
      return this;
    }

    /** The {@code Retry-After} of the 503 answer, rounded down to seconds, at least 1. */
    public Builder retryAfter(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter");
      problems.check(() -> this.retryAfter = Durations.nonNegative(retryAfter, "retryAfter"));
      return this;
    }

    /**
     * The limiter.
     *
     * @throws GatewayConfigException listing every bad value the setters were given, and a missing
     *     maxConcurrent
     */
    public ConcurrencyLimiter build() {
      problems.throwIfAny(
          maxConcurrentGiven
              ? List.of()
              : List.of("maxConcurrent is required: call maxConcurrent(int) before build()"));
      return new ConcurrencyLimiter(this);
    }
  }
}
