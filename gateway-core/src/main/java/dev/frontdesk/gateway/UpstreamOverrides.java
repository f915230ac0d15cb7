package dev.frontdesk.gateway;

import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A middleware that changes, for the routes it is added to, how their upstream is called: another
 * retry policy, per-try timeout or deadline than the upstream's. Connect and idle timeouts are set
 * on the route itself ({@link Route.Builder#connectTimeout}, {@link Route.Builder#readTimeout}).
 *
 * <pre>{@code
 * .route("pay", r -> r.post("/payments")
 *     .use(UpstreamOverrides.builder()
 *         .retry(RetryPolicy.builder().retryIdempotencyKeyRequests(true).build())
 *         .deadline(Duration.ofSeconds(3)).build())
 *     .toUpstream("payments"))
 * }</pre>
 */
public final class UpstreamOverrides implements Middleware {
  /** Where the overrides travel on the request, for the proxy to find. */
  public static final AttributeKey<UpstreamOverrides> KEY = AttributeKey.of("upstreamOverrides");

  private final @Nullable RetryPolicy retry;
  private final @Nullable Duration tryTimeout;
  private final @Nullable Duration deadline;

  private UpstreamOverrides(Builder b) {
    this.retry = b.retry;
    this.tryTimeout = b.tryTimeout;
    this.deadline = b.deadline;
  }

  /** Starts overrides with nothing overridden. */
  public static Builder builder() {
    return new Builder();
  }

  /** The retry policy to use instead of the upstream's, if set. */
  public @Nullable RetryPolicy retry() {
    return retry;
  }

  /** The per-try timeout to use instead of the upstream's, if set. */
  public @Nullable Duration tryTimeout() {
    return tryTimeout;
  }

  /** The overall deadline to use instead of the upstream's, if set. */
  public @Nullable Duration deadline() {
    return deadline;
  }

  /** Attaches these overrides to the request and proceeds. */
  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().attribute(KEY, this).build());
  }

  @Override
  public String toString() {
    return "UpstreamOverrides{retry=" + retry + ", tryTimeout=" + tryTimeout + ", deadline=" + deadline + "}";
  }

  /** Builds {@link UpstreamOverrides}; unset values fall back to the upstream's. */
  public static final class Builder {
    private @Nullable RetryPolicy retry;
    private @Nullable Duration tryTimeout;
    private @Nullable Duration deadline;

    private Builder() {}

    /** The retry policy for these routes (for example one that retries keyed POSTs). */
    public Builder retry(RetryPolicy retry) {
      this.retry = java.util.Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Time one attempt may take to bring response headers. */
    public Builder tryTimeout(Duration timeout) {
      this.tryTimeout = Durations.positive(timeout, "tryTimeout");
      return this;
    }

    /** Time all attempts together, back-off included, may take to bring response headers. */
    public Builder deadline(Duration deadline) {
      this.deadline = Durations.positive(deadline, "deadline");
      return this;
    }

    /** The overrides, a middleware to add to routes or groups. */
    public UpstreamOverrides build() {
      return new UpstreamOverrides(this);
    }
  }
}
