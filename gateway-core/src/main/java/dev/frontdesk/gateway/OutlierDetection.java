package dev.frontdesk.gateway;

import java.time.Duration;

/**
 * Passive health: an instance that fails several requests in a row (connection failures, time-outs,
 * 502/503/504) is taken out of rotation for a while. Each repeated ejection lasts twice as long as
 * the one before, up to a maximum; an instance that stays healthy for that maximum starts over.
 * Never more than a share of the group is ejected at once (at least one instance may always be).
 *
 * <pre>{@code
 * OutlierDetection.builder().consecutiveFailures(3).baseEjection(Duration.ofSeconds(10)).build()
 * }</pre>
 */
public final class OutlierDetection {
  private static final OutlierDetection DISABLED =
      new OutlierDetection(new Builder().consecutiveFailures(Integer.MAX_VALUE));

  private final int consecutiveFailures;
  private final Duration baseEjection;
  private final Duration maxEjection;
  private final double maxEjectedShare;

  private OutlierDetection(Builder b) {
    this.consecutiveFailures = b.consecutiveFailures;
    this.baseEjection = b.baseEjection;
    this.maxEjection = b.maxEjection;
    this.maxEjectedShare = b.maxEjectedShare;
  }

  /** 5 consecutive failures, 30 s first ejection, 5 min at most, half of the group at most. */
  public static OutlierDetection defaults() {
    return builder().build();
  }

  /** Never ejects. */
  public static OutlierDetection disabled() {
    return DISABLED;
  }

  /** Starts a policy from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Failures in a row that eject an instance. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** How long a first ejection lasts. */
  public Duration baseEjection() {
    return baseEjection;
  }

  /** The longest an ejection lasts, however often the instance was ejected. */
  public Duration maxEjection() {
    return maxEjection;
  }

  /** The largest share of the group's instances ejected at once. */
  public double maxEjectedShare() {
    return maxEjectedShare;
  }

  /** True when this policy can eject anything. */
  public boolean enabled() {
    return consecutiveFailures != Integer.MAX_VALUE;
  }

  /** Equal when every setting is: the same policy. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof OutlierDetection other
        && consecutiveFailures == other.consecutiveFailures
        && java.util.Objects.equals(baseEjection, other.baseEjection)
        && java.util.Objects.equals(maxEjection, other.maxEjection)
        && maxEjectedShare == other.maxEjectedShare;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(consecutiveFailures, baseEjection, maxEjection, maxEjectedShare);
  }

  @Override
  public String toString() {
    return enabled()
        ? "OutlierDetection{"
            + consecutiveFailures
            + " failures, "
            + baseEjection
            + ".."
            + maxEjection
            + ", share "
            + maxEjectedShare
            + "}"
        : "OutlierDetection{disabled}";
  }

  /** Builds an {@link OutlierDetection}; defaults as in {@link #defaults()}. */
  public static final class Builder {
    private int consecutiveFailures = 5;
    private Duration baseEjection = Duration.ofSeconds(30);
    private Duration maxEjection = Duration.ofMinutes(5);
    private double maxEjectedShare = 0.5;
    private final BuilderProblems problems = new BuilderProblems("");

    private Builder() {}

    /** Failures in a row that eject an instance (5). */
    public Builder consecutiveFailures(int count) {
      if (count < 1) {
        problems.add("consecutiveFailures must be at least 1: " + count);
      } else {
        this.consecutiveFailures = count;
      }
      return this;
    }

    /** How long a first ejection lasts (30 s); the n-th lasts 2^(n-1) times as long. */
    public Builder baseEjection(Duration duration) {
      java.util.Objects.requireNonNull(duration, "baseEjection");
      problems.check(() -> this.baseEjection = Durations.positive(duration, "baseEjection"));
      return this;
    }

    /** The cap on an ejection's length (5 min). */
    public Builder maxEjection(Duration duration) {
      java.util.Objects.requireNonNull(duration, "maxEjection");
      problems.check(() -> this.maxEjection = Durations.positive(duration, "maxEjection"));
      return this;
    }

    /** The largest share of instances ejected at once, 0 to 1 (0.5); at least one may always be. */
    public Builder maxEjectedShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        problems.add("maxEjectedShare must be between 0 and 1: " + share);
      } else {
        this.maxEjectedShare = share;
      }
      return this;
    }

    /** The mistakes recorded so far, each naming its option; {@link #build()} reports them. */
    public java.util.List<String> problems() {
      return problems.list();
    }

    /**
     * The policy; the longest ejection must not be shorter than the first.
     *
     * @throws GatewayConfigException listing every mistake the setters recorded, and this one
     */
    public OutlierDetection build() {
      BuilderProblems all = new BuilderProblems("");
      all.addAll(problems.list());
      if (maxEjection.compareTo(baseEjection) < 0) {
        all.add(
            "maxEjection ("
                + maxEjection
                + ") must not be shorter than baseEjection ("
                + baseEjection
                + ")");
      }
      all.throwIfAny();
      return new OutlierDetection(this);
    }
  }
}
