package dev.frontdesk.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mistakes one builder was given, worded with the name of what it builds ({@code "route
 * 'orders': "}, {@code "RateLimiter: "}), for {@link Gateway.Builder#build()} or the builder's own
 * {@code build()} to report all at once. A setter runs its checks through {@link #check}: what they
 * refuse with an {@link IllegalArgumentException} is recorded instead of thrown, and the option
 * keeps its previous value. Null arguments still throw at once: they are programming errors.
 *
 * <p>Public so that the builders of extension modules follow the same rule as core's with this one
 * class rather than a copy each, as {@link Durations} words the shared checks once. A builder hands
 * {@link #list()} out as its {@code problems()}.
 *
 * <pre>{@code
 * private final BuilderProblems problems = new BuilderProblems("RateLimiter: ");
 *
 * public Builder failureRetryAfter(Duration retryAfter) {
 *   Objects.requireNonNull(retryAfter, "retryAfter");
 *   problems.check(() -> this.failureRetryAfter = Durations.nonNegative(retryAfter, "retryAfter"));
 *   return this;
 * }
 *
 * public RateLimiter build() {
 *   // one GatewayConfigException listing them all, and what only build() can see
 *   problems.throwIfAny(limit != null ? List.of() : List.of("limit is required"));
 *   ...
 * }
 * }</pre>
 */
public final class BuilderProblems {
  private final String prefix;
  private final List<String> problems = new ArrayList<>();

  /**
   * An empty record for one builder.
   *
   * @param prefix put before every problem recorded, naming what is built ({@code "RateLimiter:
   *     "}); empty when the builder's user knows it already
   */
  public BuilderProblems(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * Runs a setter's checks and assignments; records what it refuses with an {@link
   * IllegalArgumentException}. Returns whether it passed.
   */
  public boolean check(Runnable setter) {
    try {
      setter.run();
      return true;
    } catch (IllegalArgumentException e) {
      add(e.getMessage());
      return false;
    }
  }

  /** Records a problem, prefixed with the name of what is being built. */
  public void add(@Nullable String message) {
    problems.add(prefix + message);
  }

  /** Records other problems (already worded), each prefixed with this one's name. */
  public void addAll(List<String> others) {
    others.forEach(this::add);
  }

  /** What was recorded so far, in order: a builder's {@code problems()}. */
  public List<String> list() {
    return List.copyOf(problems);
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * For a value builder's {@code build()}: throws when anything was recorded.
   *
   * @throws GatewayConfigException listing every problem recorded
   */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new GatewayConfigException(problems);
    }
  }

  /**
   * For a value builder's {@code build()}: throws what was recorded and then {@code more}, the
   * problems only {@code build()} sees (a missing option, two options that disagree), each prefixed
   * likewise, when there is anything. {@code more} is not recorded, so {@link #list()} still tells
   * what the setters refused.
   *
   * @throws GatewayConfigException listing every problem
   */
  public void throwIfAny(List<String> more) {
    if (!problems.isEmpty() || !more.isEmpty()) {
      List<String> all = new ArrayList<>(problems);
      more.forEach(p -> all.add(prefix + p));
      throw new GatewayConfigException(all);
    }
  }
}
