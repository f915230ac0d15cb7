package dev.frontdesk.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a failed upstream call is tried again, on another instance. A call is retried after a
 * connection failure, a time-out or a retryable status (502, 503, 504 and any added), when
 *
 * <ul>
 *   <li>the method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE, TRACE), or the connection failed
 *       before any of the request was sent, or the request is a POST/PATCH carrying an {@code
 *       Idempotency-Key} and {@link Builder#retryIdempotencyKeyRequests(boolean)} is on;
 *   <li>the body can be sent again: bodies held in memory can, streamed bodies only when they were
 *       not sent yet or when {@link Builder#bufferBodiesUpTo(int)} let the gateway keep them;
 *   <li>the retry budget allows it: retries may add at most a share of the requests (20%) plus a
 *       few per second, so retries cannot multiply an outage;
 *   <li>attempts and the upstream's deadline are not used up.
 * </ul>
 *
 * Nothing is retried once the response was handed to the client. Waits between attempts grow
 * exponentially from {@code backoff} up to {@code maxBackoff}, with full jitter.
 *
 * <pre>{@code
 * RetryPolicy.builder().maxAttempts(3).retryOnStatus(429).bufferBodiesUpTo(64 * 1024).build()
 * }</pre>
 */
public final class RetryPolicy {
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Set<Integer> statuses;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final double budgetRatio;
  private final int budgetMinPerSecond;
  private final int bufferBodiesUpTo;
  private final boolean retryIdempotencyKeyRequests;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.statuses = Set.copyOf(b.statuses);
    this.backoff = b.backoff;
    this.maxBackoff = b.maxBackoff;
    this.budgetRatio = b.budgetRatio;
    this.budgetMinPerSecond = b.budgetMinPerSecond;
    this.bufferBodiesUpTo = b.bufferBodiesUpTo;
    this.retryIdempotencyKeyRequests = b.retryIdempotencyKeyRequests;
  }

  /** Two attempts, on 502/503/504 and failures, 25..250 ms back-off, 20% budget. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** One attempt: never retries. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** Starts a policy from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's values, to derive a variant (for a route). */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.statuses.clear();
    b.statuses.addAll(statuses);
    b.backoff = backoff;
    b.maxBackoff = maxBackoff;
    b.budgetRatio = budgetRatio;
    b.budgetMinPerSecond = budgetMinPerSecond;
    b.bufferBodiesUpTo = bufferBodiesUpTo;
    b.retryIdempotencyKeyRequests = retryIdempotencyKeyRequests;
    return b;
  }

  /** Attempts in all, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Upstream statuses that are retried. */
  public Set<Integer> statuses() {
    return statuses;
  }

  /** The wait before the first retry, before jitter. */
  public Duration backoff() {
    return backoff;
  }

  /** The cap on a wait between attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Retries allowed per request sent, over the last ten seconds. */
  public double budgetRatio() {
    return budgetRatio;
  }

  /** Retries allowed per second whatever the traffic. */
  public int budgetMinPerSecond() {
    return budgetMinPerSecond;
  }

  /** The largest streamed body kept in memory so it can be sent again (0: none). */
  public int bufferBodiesUpTo() {
    return bufferBodiesUpTo;
  }

  /** Whether POST and PATCH requests with an {@code Idempotency-Key} header are retried. */
  public boolean retryIdempotencyKeyRequests() {
    return retryIdempotencyKeyRequests;
  }

  /** Equal when every setting is: the same policy. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof RetryPolicy other
        && maxAttempts == other.maxAttempts
        && java.util.Objects.equals(statuses, other.statuses)
        && java.util.Objects.equals(backoff, other.backoff)
        && java.util.Objects.equals(maxBackoff, other.maxBackoff)
        && budgetRatio == other.budgetRatio
        && budgetMinPerSecond == other.budgetMinPerSecond
        && bufferBodiesUpTo == other.bufferBodiesUpTo
        && retryIdempotencyKeyRequests == other.retryIdempotencyKeyRequests;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        maxAttempts,
        statuses,
        backoff,
        maxBackoff,
        budgetRatio,
        budgetMinPerSecond,
        bufferBodiesUpTo,
        retryIdempotencyKeyRequests);
  }

  @Override
  public String toString() {
    return "RetryPolicy{"
        + maxAttempts
        + " attempts, statuses "
        + new TreeSet<>(statuses)
        + ", budget "
        + budgetRatio
        + "}";
  }

  /** Builds a {@link RetryPolicy}; defaults as in {@link #defaults()}. */
  public static final class Builder {
    private int maxAttempts = 2;
    private final Set<Integer> statuses = new TreeSet<>(Set.of(502, 503, 504));
    private Duration backoff = Duration.ofMillis(25);
    private Duration maxBackoff = Duration.ofMillis(250);
    private double budgetRatio = 0.2;
    private int budgetMinPerSecond = 5;
    private int bufferBodiesUpTo = 0;
    private boolean retryIdempotencyKeyRequests = false;
    private final BuilderProblems problems = new BuilderProblems("");

    private Builder() {}

    /** Attempts in all, 1 to 10 (2). */
    public Builder maxAttempts(int attempts) {
      problems.check(
          () -> {
            if (attempts < 1 || attempts > 10) {
              throw new IllegalArgumentException(
                  "maxAttempts must be between 1 and 10: " + attempts);
            }
            this.maxAttempts = attempts;
          });
      return this;
    }

    /** Also retries these upstream statuses (502, 503 and 504 always are). */
    public Builder retryOnStatus(int... statuses) {
      for (int status : statuses) {
        if (status < 400 || status > 599) {
          problems.add("retryOnStatus takes 4xx or 5xx statuses: " + status);
        } else {
          this.statuses.add(status);
        }
      }
      return this;
    }

    /** The first wait between attempts and its cap (25 ms, 250 ms); each wait is jittered. */
    public Builder backoff(Duration first, Duration max) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(max, "max");
      problems.check(
          () -> {
            Durations.positive(first, "first");
            Durations.positive(max, "max");
            if (max.compareTo(first) < 0) {
              throw new IllegalArgumentException(
                  "max back-off " + max + " is shorter than first " + first);
            }
            this.backoff = first;
            this.maxBackoff = max;
          });
      return this;
    }

    /** Retries per request (0 to 1, 0.2) plus retries per second (5, at least 0) allowed. */
    public Builder budget(double ratio, int minPerSecond) {
      problems.check(
          () -> {
            if (!(ratio >= 0 && ratio <= 1)) {
              throw new IllegalArgumentException("budget ratio must be between 0 and 1: " + ratio);
            }
            if (minPerSecond < 0) {
              throw new IllegalArgumentException(
                  "budget minPerSecond must not be negative: " + minPerSecond);
            }
            this.budgetRatio = ratio;
            this.budgetMinPerSecond = minPerSecond;
          });
      return this;
    }

    /** Keeps streamed bodies up to this many bytes in memory so they can be resent (0). */
    public Builder bufferBodiesUpTo(int bytes) {
      if (bytes < 0) {
        problems.add("bufferBodiesUpTo must not be negative: " + bytes);
      } else {
        this.bufferBodiesUpTo = bytes;
      }
      return this;
    }

    /** Retries POST and PATCH requests that carry an {@code Idempotency-Key} header (off). */
    public Builder retryIdempotencyKeyRequests(boolean enabled) {
      this.retryIdempotencyKeyRequests = enabled;
      return this;
    }

    /** The mistakes recorded so far, each naming its option; {@link #build()} reports them. */
    public List<String> problems() {
      return problems.list();
    }

    /**
     * The policy.
     *
     * @throws GatewayConfigException listing every mistake the setters recorded
     */
    public RetryPolicy build() {
      problems.throwIfAny();
      return new RetryPolicy(this);
    }
  }
}
