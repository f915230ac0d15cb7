package dev.frontdesk.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * A circuit breaker for an upstream, or for each of its instances. Over the last {@code window}
 * calls (once there were {@code minimumCalls}), when the share of failures (connection failures,
 * time-outs, 5xx) or of calls slower than {@code slowCallDuration} reaches its threshold, the
 * circuit opens: calls are refused at once with 503 for {@code openDuration}. Then a few trial
 * calls are let through (half-open); if they do well the circuit closes, otherwise it opens again.
 * With {@link Scope#INSTANCE} an open circuit takes only that instance out of rotation.
 *
 * <pre>{@code
 * CircuitBreakerPolicy.builder().failureRateThreshold(0.5).openDuration(Duration.ofSeconds(10)).build()
 * }</pre>
 */
public final class CircuitBreakerPolicy {
  /** What one circuit covers. */
  public enum Scope {
    /** One circuit for the whole upstream: open means every call is refused. */
    UPSTREAM,
    /** One circuit per instance: open means that instance is skipped. */
    INSTANCE
  }

  private final Scope scope;
  private final double failureRateThreshold;
  private final double slowCallRateThreshold;
  private final Duration slowCallDuration;
  private final int window;
  private final int minimumCalls;
  private final Duration openDuration;
  private final int halfOpenCalls;

  private CircuitBreakerPolicy(Builder b) {
    this.scope = b.scope;
    this.failureRateThreshold = b.failureRateThreshold;
    this.slowCallRateThreshold = b.slowCallRateThreshold;
    this.slowCallDuration = b.slowCallDuration;
    this.window = b.window;
    this.minimumCalls = b.minimumCalls;
    this.openDuration = b.openDuration;
    this.halfOpenCalls = b.halfOpenCalls;
  }

  /** Starts a policy: 50% failures over 100 calls (20 at least), 30 s open, 5 trials. */
  public static Builder builder() {
    return new Builder();
  }

  /** What one circuit covers. */
  public Scope scope() {
    return scope;
  }

  /** The share of failed calls that opens the circuit. */
  public double failureRateThreshold() {
    return failureRateThreshold;
  }

  /** The share of slow calls that opens the circuit. */
  public double slowCallRateThreshold() {
    return slowCallRateThreshold;
  }

  /** The duration from which a call counts as slow. */
  public Duration slowCallDuration() {
    return slowCallDuration;
  }

  /** Number of most recent calls the rates are computed over. */
  public int window() {
    return window;
  }

  /** The fewest calls in the window before rates count. */
  public int minimumCalls() {
    return minimumCalls;
  }

  /** How long an open circuit refuses calls. */
  public Duration openDuration() {
    return openDuration;
  }

  /** Trial calls let through when half-open. */
  public int halfOpenCalls() {
    return halfOpenCalls;
  }

  /** Equal when every setting is: the same policy. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof CircuitBreakerPolicy other
        && java.util.Objects.equals(scope, other.scope)
        && failureRateThreshold == other.failureRateThreshold
        && slowCallRateThreshold == other.slowCallRateThreshold
        && java.util.Objects.equals(slowCallDuration, other.slowCallDuration)
        && window == other.window
        && minimumCalls == other.minimumCalls
        && java.util.Objects.equals(openDuration, other.openDuration)
        && halfOpenCalls == other.halfOpenCalls;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        scope,
        failureRateThreshold,
        slowCallRateThreshold,
        slowCallDuration,
        window,
        minimumCalls,
        openDuration,
        halfOpenCalls);
  }

  @Override
  public String toString() {
    return "CircuitBreakerPolicy{"
        + scope
        + ", failures "
        + failureRateThreshold
        + ", slow "
        + slowCallRateThreshold
        + " over "
        + window
        + " calls}";
  }

  /** Builds a {@link CircuitBreakerPolicy}. */
  public static final class Builder {
    private Scope scope = Scope.UPSTREAM;
    private double failureRateThreshold = 0.5;
    private double slowCallRateThreshold = 1.0;
    private Duration slowCallDuration = Duration.ofSeconds(10);
    private int window = 100;
    private int minimumCalls = 20;
    private Duration openDuration = Duration.ofSeconds(30);
    private int halfOpenCalls = 5;
    private final BuilderProblems problems = new BuilderProblems("");

    private Builder() {}

    /** One circuit for the upstream (default) or one per instance. */
    public Builder scope(Scope scope) {
      this.scope = java.util.Objects.requireNonNull(scope, "scope");
      return this;
    }

    /** Share of failed calls, above 0 up to 1, that opens the circuit (0.5). */
    public Builder failureRateThreshold(double share) {
      problems.check(() -> this.failureRateThreshold = share(share, "failureRateThreshold"));
      return this;
    }

    /** Share of slow calls that opens the circuit (1.0: only when all are slow). */
    public Builder slowCallRateThreshold(double share) {
      problems.check(() -> this.slowCallRateThreshold = share(share, "slowCallRateThreshold"));
      return this;
    }

    /** A call slower than this counts as slow (10 s). */
    public Builder slowCallDuration(Duration duration) {
      Objects.requireNonNull(duration, "slowCallDuration");
      problems.check(
          () -> this.slowCallDuration = Durations.positive(duration, "slowCallDuration"));
      return this;
    }

    /** The calls the rates are computed over (100) and the fewest that count (20). */
    public Builder window(int calls, int minimumCalls) {
      problems.check(
          () -> {
            if (calls < 1 || calls > 10_000) {
              throw new IllegalArgumentException(
                  "window must be between 1 and 10000 calls: " + calls);
            }
            if (minimumCalls < 1 || minimumCalls > calls) {
              throw new IllegalArgumentException(
                  "minimumCalls must be between 1 and the window (" + calls + "): " + minimumCalls);
            }
            this.window = calls;
            this.minimumCalls = minimumCalls;
          });
      return this;
    }

    /** How long an open circuit refuses calls before trying again (30 s). */
    public Builder openDuration(Duration duration) {
      Objects.requireNonNull(duration, "openDuration");
      problems.check(() -> this.openDuration = Durations.positive(duration, "openDuration"));
      return this;
    }

    /** Trial calls let through when half-open (5). */
    public Builder halfOpenCalls(int calls) {
      if (calls < 1) {
        problems.add("halfOpenCalls must be at least 1: " + calls);
      } else {
        this.halfOpenCalls = calls;
      }
      return this;
    }

    /** The mistakes recorded so far, each naming its option; {@link #build()} reports them. */
    public java.util.List<String> problems() {
      return problems.list();
    }

    /**
     * The policy.
     *
     * @throws GatewayConfigException listing every mistake the setters recorded
     */
    public CircuitBreakerPolicy build() {
      problems.throwIfAny();
      return new CircuitBreakerPolicy(this);
    }

    private static double share(double share, String name) {
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException(name + " must be above 0 and at most 1: " + share);
      }
      return share;
    }
  }
}
