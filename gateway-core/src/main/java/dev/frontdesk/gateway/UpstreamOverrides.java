package dev.frontdesk.gateway;

import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A middleware that changes, for the routes it is added to, how their upstream is called: another
 * retry policy, per-try timeout or deadline than the upstream's (it applies {@link CallOptions} to
 * the rest of the chain). Connect and idle timeouts are set on the route itself ({@link
 * Route.Builder#connectTimeout}, {@link Route.Builder#readTimeout}).
 *
 * <pre>{@code
 * .route("pay", r -> r.post("/payments")
 *     .use(UpstreamOverrides.builder()
 *         .retry(RetryPolicy.builder().retryIdempotencyKeyRequests(true).build())
 *         .deadline(Duration.ofSeconds(3)).build())
 *     .proxyToUpstream("payments"))
 * }</pre>
 */
public final class UpstreamOverrides implements Middleware {
  private final CallOptions options;

  private UpstreamOverrides(CallOptions options) {
    this.options = options;
  }

  /** Starts overrides with nothing overridden. */
  public static Builder builder() {
    return new Builder();
  }

  /** The retry policy to use instead of the upstream's, if set. */
  public @Nullable RetryPolicy retry() {
    return options.retry();
  }

  /** The per-try timeout to use instead of the upstream's, if set. */
  public @Nullable Duration tryTimeout() {
    return options.tryTimeout();
  }

  /** The overall deadline to use instead of the upstream's, if set. */
  public @Nullable Duration deadline() {
    return options.deadline();
  }

  /** Applies these overrides to the rest of the chain and proceeds. */
  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.withCallOptions(options).proceed(chain.request());
  }

  @Override
  public String toString() {
    return "UpstreamOverrides{retry="
        + retry()
        + ", tryTimeout="
        + tryTimeout()
        + ", deadline="
        + deadline()
        + "}";
  }

  /** Builds {@link UpstreamOverrides}; unset values fall back to the upstream's. */
  public static final class Builder {
    private final CallOptions.Builder options = CallOptions.builder();

    private Builder() {}

    /** The retry policy for these routes (for example one that retries keyed POSTs). */
    public Builder retry(RetryPolicy retry) {
      options.retry(retry);
      return this;
    }

    /** Time one attempt may take to bring response headers. */
    public Builder tryTimeout(Duration timeout) {
      options.tryTimeout(timeout);
      return this;
    }

    /** Time all attempts together, back-off included, may take to bring response headers. */
    public Builder deadline(Duration deadline) {
      options.deadline(deadline);
      return this;
    }

    /** The overrides, a middleware to add to routes or groups. */
    public UpstreamOverrides build() {
      return new UpstreamOverrides(options.build());
    }
  }
}
