package dev.frontdesk.gateway;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one request's upstream call is made, where it differs from the upstream's own settings:
 * another retry policy, per-try timeout, deadline, or a cap on the whole call. Immutable. A
 * middleware sets them for the rest of its chain with {@link Middleware.Chain#withCallOptions} (as
 * {@link UpstreamOverrides} does); code that calls a proxy {@link Handler} directly, such as an
 * aggregation leg, passes them to {@link Handler#handle(Request, CallOptions)}.
 *
 * <pre>{@code
 * Middleware patient = chain -> chain
 *     .withCallOptions(CallOptions.builder().deadline(Duration.ofSeconds(10)).build())
 *     .proceed(chain.request());
 * }</pre>
 */
public final class CallOptions {
  private static final CallOptions NONE = new CallOptions(null, null, null, null);

  private final @Nullable RetryPolicy retry;
  private final @Nullable Duration tryTimeout;
  private final @Nullable Duration deadline;
  private final @Nullable Duration callTimeout;

  private CallOptions(
      @Nullable RetryPolicy retry,
      @Nullable Duration tryTimeout,
      @Nullable Duration deadline,
      @Nullable Duration callTimeout) {
    this.retry = retry;
    this.tryTimeout = tryTimeout;
    this.deadline = deadline;
    this.callTimeout = callTimeout;
  }

  /** No option set: the upstream's settings apply. */
  public static CallOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder(NONE);
  }

  /** The retry policy to use instead of the upstream's, if set. */
  public @Nullable RetryPolicy retry() {
    return retry;
  }

  /** Time one attempt may take to bring response headers, instead of the upstream's, if set. */
  public @Nullable Duration tryTimeout() {
    return tryTimeout;
  }

  /** Time all attempts together, back-off included, may take to bring response headers, if set. */
  public @Nullable Duration deadline() {
    return deadline;
  }

  /**
   * A cap on the whole call, if set: connecting, sending, waiting and reading the response body.
   * When it passes, the call fails (504 before the response started). For calls that must finish in
   * time, such as an aggregation's legs.
   */
  public @Nullable Duration callTimeout() {
    return callTimeout;
  }

  /** These options with every option that {@code other} sets taking precedence. */
  public CallOptions with(CallOptions other) {
    Objects.requireNonNull(other, "other");
    if (other == NONE) {
      return this;
    }
    return new CallOptions(
        other.retry != null ? other.retry : retry,
        other.tryTimeout != null ? other.tryTimeout : tryTimeout,
        other.deadline != null ? other.deadline : deadline,
        other.callTimeout != null ? other.callTimeout : callTimeout);
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "CallOptions{retry="
        + retry
        + ", tryTimeout="
        + tryTimeout
        + ", deadline="
        + deadline
        + ", callTimeout="
        + callTimeout
        + "}";
  }

  /** Builds {@link CallOptions}; options left unset fall back to the upstream's. */
  public static final class Builder {
    private @Nullable RetryPolicy retry;
    private @Nullable Duration tryTimeout;
    private @Nullable Duration deadline;
    private @Nullable Duration callTimeout;

    private Builder(CallOptions from) {
      this.retry = from.retry;
      this.tryTimeout = from.tryTimeout;
      this.deadline = from.deadline;
      this.callTimeout = from.callTimeout;
    }

    /** The retry policy for the call (for example one that retries keyed POSTs). */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder tryTimeout(Duration timeout) {
      this.tryTimeout = Durations.positive(timeout, "tryTimeout");
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = Durations.positive(deadline, "deadline");
      return this;
    }

    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Durations.positive(timeout, "callTimeout");
      return this;
    }

    public CallOptions build() {
      return new CallOptions(retry, tryTimeout, deadline, callTimeout);
    }
  }
}
