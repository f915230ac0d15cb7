package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.internal.BackendFailures;
import dev.frontdesk.gateway.ratelimit.internal.LocalBackend;
import dev.frontdesk.gateway.ratelimit.internal.Plan;
import dev.frontdesk.gateway.ratelimit.internal.RateLimitHeaders;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Middleware that limits request rates with token buckets: each request takes a token from the
 * bucket of its key (client address, consumer, header, route, or a composite), and a request that
 * finds the bucket empty is answered {@code 429 Too Many Requests} (problem+json) with {@code
 * Retry-After}. Responses that pass carry the IETF {@code RateLimit-Policy} and {@code RateLimit}
 * fields, and optionally {@code X-RateLimit-Limit/Remaining/Reset}.
 *
 * <p>Use it globally ({@code Gateway.builder().use(limiter)}) or per route ({@code
 * r.use(limiter)}). Consumers in a group (from {@link Identity#groups()}) may get their own plan:
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder()
 *     .limit(RateLimit.capacity(10).refillGreedy(10, Duration.ofSeconds(1)).name("free").build())
 *     .plan("gold", RateLimit.capacity(100).refillGreedy(100, Duration.ofSeconds(1)).name("gold").build())
 *     .key(KeyResolver.consumer().orElse(KeyResolver.clientAddress()))
 *     .build();
 * }</pre>
 */
public final class RateLimiter implements Middleware, AutoCloseable {
  private final String name;
  private final KeyResolver key;
  private final List<Plan> plans;
  private final Plan defaultPlan;
  private final RateLimitBackend backend;
  private final FailureMode failureMode;
  private final Duration failureRetryAfter;
  private final BackendFailures failures;
  private final @Nullable RateLimitBackend fallback;
  private final LongAdder allowed = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  private RateLimiter(Builder b, RateLimit limit) {
    this.name = b.name;
    this.key = b.key;
    this.backend = b.backend != null ? b.backend : RateLimitBackend.local();
    this.failureMode = b.failureMode;
    this.failureRetryAfter = b.failureRetryAfter;
    this.failures = new BackendFailures(name, b.ticker);
    // Buckets for while the backend cannot answer, bounded like the local backend's.
    this.fallback = failureMode == FailureMode.OPEN ? new LocalBackend(100_000, b.ticker) : null;
    this.defaultPlan =
        new Plan(null, limit, name, b.ietfHeaders, b.legacyHeaders, b.expectedInstances);
    List<Plan> list = new ArrayList<>();
    b.plans.forEach(
        (group, l) ->
            list.add(
                new Plan(group, l, name, b.ietfHeaders, b.legacyHeaders, b.expectedInstances)));
    this.plans = List.copyOf(list);
  }

  /**
   * Closes the backend: the gateway does this when it is closed, so a Redis backend's connection
   * and threads end with the gateway that uses them. A backend shared by several gateways is closed
   * with the first; give each gateway its own.
   */
  @Override
  public void close() {
    backend.close();
  }

  /** Starts a rate limiter; the {@linkplain Builder#limit limit} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String clientKey = key.resolve(request);
    if (clientKey == null) {
      return chain.proceed(request);
    }
    Plan plan = planFor(request.attribute(Attributes.IDENTITY));
    RateLimitResult result;
    try {
      result = backend.tryConsume(plan.bucketKey(clientKey), plan.limit());
      failures.answered();
    } catch (RateLimitBackendException e) {
      failures.failed(e);
      if (fallback == null) {
        throw GatewayException.serviceUnavailable("the rate limiter cannot decide now")
            .withHeaders(
                Headers.of(
                    "Retry-After", Long.toString(Math.max(1, failureRetryAfter.toSeconds()))));
      }
      return fallback(chain, plan, clientKey);
    }
    if (!result.isAllowed()) {
      rejected.increment();
      throw GatewayException.tooManyRequests("rate limit '" + plan.limit().name() + "' exceeded")
          .withHeaders(plan.headers().rejection(result));
    }
    allowed.increment();
    Response response = chain.proceed(request);
    Response.Builder withHeaders = response.newBuilder();
    plan.headers().addTo(withHeaders, response.headers(), result);
    return withHeaders.build();
  }

  /**
   * The backend cannot answer: limit from this instance's share, without rate-limit fields (the
   * share's remaining tokens say nothing of the fleet's quota).
   */
  private Response fallback(Chain chain, Plan plan, String clientKey) throws IOException {
    RateLimitResult local =
        Objects.requireNonNull(fallback)
            .tryConsume(plan.bucketKey(clientKey), plan.fallbackLimit());
    if (!local.isAllowed()) {
      rejected.increment();
      throw GatewayException.tooManyRequests("rate limit '" + plan.limit().name() + "' exceeded")
          .withHeaders(RateLimitHeaders.fallbackRejection(local));
    }
    allowed.increment();
    return chain.proceed(chain.request());
  }

  private Plan planFor(@Nullable Identity identity) {
    if (identity != null && !plans.isEmpty()) {
      for (Plan plan : plans) {
        if (identity.groups().contains(plan.group())) {
          return plan;
        }
      }
    }
    return defaultPlan;
  }

  /** Requests that got a token. */
  public long allowedCount() {
    return allowed.sum();
  }

  /** Requests answered 429. */
  public long rejectedCount() {
    return rejected.sum();
  }

  /** Requests for which the backend could not answer (let through or answered 503). */
  public long backendFailureCount() {
    return failures.count();
  }

  @Override
  public String toString() {
    return "RateLimiter{"
        + name
        + ", "
        + defaultPlan.limit()
        + ", "
        + plans.size()
        + " plans, "
        + backend
        + ", fail "
        + failureMode
        + "}";
  }

  /**
   * Builds a {@link RateLimiter}. Defaults: name {@code "rate-limit"}, key {@link
   * KeyResolver#clientAddress()}, no plans, a new {@link RateLimitBackend#local()} backend, IETF
   * headers on, {@code X-RateLimit-*} off, {@link FailureMode#OPEN}, Retry-After 1 s on failure,
   * {@link Ticker#system()}, 1 expected instance. The limit is required.
   *
   * <p>A bad value does not throw where it is given (a null does, {@link NullPointerException}): it
   * is recorded, the option keeps its previous value, and {@link #build()} throws one {@link
   * GatewayConfigException} listing every mistake.
   */
  public static final class Builder {
    private String name = "rate-limit";
    private @Nullable RateLimit limit;
    private KeyResolver key = KeyResolver.clientAddress();
    private final java.util.LinkedHashMap<String, RateLimit> plans =
        new java.util.LinkedHashMap<>();
    private @Nullable RateLimitBackend backend;
    private boolean ietfHeaders = true;
    private boolean legacyHeaders;
    private FailureMode failureMode = FailureMode.OPEN;
    private Duration failureRetryAfter = Duration.ofSeconds(1);
    private Ticker ticker = Ticker.system();
    private int expectedInstances = 1;
    private final BuilderProblems problems = new BuilderProblems("RateLimiter: ");

    private Builder() {}

    /**
     * The mistakes the setters recorded so far, each naming this limiter: a bad value is recorded
     * instead of thrown, and {@link #build()} throws them all. For tools that point at their own
     * input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /**
     * Names the limiter: its buckets' keys start with it, so limiters sharing a backend never share
     * buckets, and log lines name it.
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        problems.add("name must not be empty");
      } else {
        this.name = name;
      }
      return this;
    }

    /** The limit for every request that no {@linkplain #plan plan} covers. Required. */
    public Builder limit(RateLimit limit) {
      this.limit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** Whose bucket a request draws from. */
    public Builder key(KeyResolver key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * A limit for consumers in {@code group} ({@link Identity#groups()}), such as a paid plan. When
     * an identity is in several planned groups, the plan added first wins.
     */
    public Builder plan(String group, RateLimit limit) {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(limit, "limit");
      plans.put(group, limit); // a second plan for the group replaces the first, in its place
      return this;
    }

    /** Where buckets live; the Redis backend shares them between gateway instances. */
    public Builder backend(RateLimitBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** Whether responses carry {@code RateLimit-Policy} and {@code RateLimit}. */
    public Builder ietfHeaders(boolean enabled) {
      this.ietfHeaders = enabled;
      return this;
    }

    /** Whether responses carry {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset}. */
    public Builder legacyHeaders(boolean enabled) {
      this.legacyHeaders = enabled;
      return this;
    }

    /**
     * What to do when the backend cannot answer: limit from this instance's share ({@link
     * #expectedInstances}) or answer 503.
     */
    public Builder failureMode(FailureMode failureMode) {
      this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
      return this;
    }

    /** The {@code Retry-After} of the 503 answered in {@link FailureMode#CLOSED}. */
    public Builder failureRetryAfter(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter");
      problems.check(
          () -> this.failureRetryAfter = Durations.nonNegative(retryAfter, "retryAfter"));
      return this;
    }

    /**
     * How many gateway instances share this limiter's backend (default 1). While the backend cannot
     * answer, {@link FailureMode#OPEN} limits each key from a bucket in this process that holds
     * 1/{@code instances} of the limit (capacities and refill rates divided, rounded up), so the
     * fleet together admits about the limit. Set it to the number of instances behind the load
     * balancer; with fewer running, the fleet admits less than the limit during an outage, with
     * more, more. The default, 1, lets each instance admit the whole limit on its own.
     */
    public Builder expectedInstances(int instances) {
      if (instances < 1) {
        problems.add("expectedInstances must be at least 1: " + instances);
      } else {
        this.expectedInstances = instances;
      }
      return this;
    }

    /**
     * The time source for what the limiter keeps itself: the buckets of {@link FailureMode#OPEN}
     * while the backend cannot answer, and when an outage counts as over (no failure for 10 s).
     * Tests pass one they can move.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * The limiter.
     *
     * @throws GatewayConfigException listing every bad value the setters were given, and a missing
     *     limit
     */
    public RateLimiter build() {
      RateLimit l = limit;
      problems.throwIfAny(
          l != null
              ? List.of()
              : List.of("limit is required: call limit(RateLimit) before build()"));
      return new RateLimiter(this, Objects.requireNonNull(l));
    }
  }
}
