package dev.frontdesk.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Active health: every interval the gateway sends {@code GET path} to each instance. An instance
 * that fails {@code unhealthyThreshold} checks in a row leaves rotation; one that passes {@code
 * healthyThreshold} in a row comes back. A check passes when the answer's status lies between
 * {@code expectedStatusFrom} and {@code expectedStatusTo} (200 to 399) within the timeout.
 *
 * <pre>{@code
 * HealthCheck.builder("/health").interval(Duration.ofSeconds(5)).startHealthy(false).build()
 * }</pre>
 */
public final class HealthCheck {
  private final String path;
  private final int expectedStatusFrom;
  private final int expectedStatusTo;
  private final Duration interval;
  private final Duration timeout;
  private final int healthyThreshold;
  private final int unhealthyThreshold;
  private final boolean startHealthy;

  private HealthCheck(Builder b) {
    this.path = b.path;
    this.expectedStatusFrom = b.expectedStatusFrom;
    this.expectedStatusTo = b.expectedStatusTo;
    this.interval = b.interval;
    this.timeout = b.timeout;
    this.healthyThreshold = b.healthyThreshold;
    this.unhealthyThreshold = b.unhealthyThreshold;
    this.startHealthy = b.startHealthy;
  }

  /** Starts a check of this path (relative to each instance's base path). */
  public static Builder builder(String path) {
    return new Builder(path);
  }

  /** The path checked on each instance, below its base path. */
  public String path() {
    return path;
  }

  /** The lowest passing status. */
  public int expectedStatusFrom() {
    return expectedStatusFrom;
  }

  /** The highest passing status. */
  public int expectedStatusTo() {
    return expectedStatusTo;
  }

  /** Time between two checks of one instance. */
  public Duration interval() {
    return interval;
  }

  /** Time one check may take. */
  public Duration timeout() {
    return timeout;
  }

  /** Passed checks in a row that bring an instance back. */
  public int healthyThreshold() {
    return healthyThreshold;
  }

  /** Failed checks in a row that take an instance out. */
  public int unhealthyThreshold() {
    return unhealthyThreshold;
  }

  /** Whether a new instance takes traffic before its first passed check. */
  public boolean startHealthy() {
    return startHealthy;
  }

  /** Equal when every setting is: the same check. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof HealthCheck other
        && java.util.Objects.equals(path, other.path)
        && expectedStatusFrom == other.expectedStatusFrom
        && expectedStatusTo == other.expectedStatusTo
        && java.util.Objects.equals(interval, other.interval)
        && java.util.Objects.equals(timeout, other.timeout)
        && healthyThreshold == other.healthyThreshold
        && unhealthyThreshold == other.unhealthyThreshold
        && startHealthy == other.startHealthy;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        path,
        expectedStatusFrom,
        expectedStatusTo,
        interval,
        timeout,
        healthyThreshold,
        unhealthyThreshold,
        startHealthy);
  }

  @Override
  public String toString() {
    return "HealthCheck{GET " + path + " every " + interval + "}";
  }

  /** Builds a {@link HealthCheck}. */
  public static final class Builder {
    private final String path;
    private int expectedStatusFrom = 200;
    private int expectedStatusTo = 399;
    private Duration interval = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofSeconds(2);
    private int healthyThreshold = 2;
    private int unhealthyThreshold = 3;
    private boolean startHealthy = true;
    private final BuilderProblems problems = new BuilderProblems("");

    private Builder(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        problems.add("health check path must start with '/': '" + path + "'");
      }
      this.path = path;
    }

    /** The statuses that pass, inclusive (200 to 399). */
    public Builder expectedStatus(int from, int to) {
      if (from < 100 || to > 599 || from > to) {
        problems.add("expectedStatus must be a range within 100..599: " + from + ".." + to);
      } else {
        this.expectedStatusFrom = from;
        this.expectedStatusTo = to;
      }
      return this;
    }

    /** Time between checks of one instance (10 s). */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      problems.check(() -> this.interval = Durations.positive(interval, "interval"));
      return this;
    }

    /** Time a check may take (2 s). */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      problems.check(() -> this.timeout = Durations.positive(timeout, "timeout"));
      return this;
    }

    /** Passed checks in a row that bring an instance back (2). */
    public Builder healthyThreshold(int count) {
      problems.check(() -> this.healthyThreshold = atLeastOne(count, "healthyThreshold"));
      return this;
    }

    /** Failed checks in a row that take an instance out (3). */
    public Builder unhealthyThreshold(int count) {
      problems.check(() -> this.unhealthyThreshold = atLeastOne(count, "unhealthyThreshold"));
      return this;
    }

    /** Whether instances take traffic before their first passed check (true). */
    public Builder startHealthy(boolean healthy) {
      this.startHealthy = healthy;
      return this;
    }

    /** The mistakes recorded so far, each naming its option; {@link #build()} reports them. */
    public java.util.List<String> problems() {
      return problems.list();
    }

    /**
     * The check.
     *
     * @throws GatewayConfigException listing every mistake recorded since {@link
     *     HealthCheck#builder}
     */
    public HealthCheck build() {
      problems.throwIfAny();
      return new HealthCheck(this);
    }

    private static int atLeastOne(int count, String name) {
      if (count < 1) {
        throw new IllegalArgumentException(name + " must be at least 1: " + count);
      }
      return count;
    }
  }
}
