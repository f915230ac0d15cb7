package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.GatewayConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A token-bucket limit: one or more bandwidths that must all allow a request, such as 10 per second
 * and 1,000 per hour. Each bandwidth has a capacity (the burst a client may spend at once) and a
 * refill (how many tokens come back per period).
 *
 * <p>The builder is staged, as Bucket4j's is: capacity, then refill, then {@code build()} or
 * another bandwidth, so a limit without a refill does not compile. A bad value (a capacity of 0, a
 * zero period) does not throw where it is given: {@code build()} throws one {@link
 * GatewayConfigException} listing every one.
 *
 * <pre>{@code
 * RateLimit limit = RateLimit.capacity(20).refillGreedy(10, Duration.ofSeconds(1))
 *     .andCapacity(1_000).refillIntervally(1_000, Duration.ofHours(1))
 *     .build();
 * }</pre>
 */
public final class RateLimit {
  private final String name;
  private final List<Bandwidth> bandwidths;

  private RateLimit(String name, List<Bandwidth> bandwidths) {
    this.name = name;
    this.bandwidths = List.copyOf(bandwidths);
  }

  /** Starts a limit whose first bandwidth holds at most {@code capacity} tokens. */
  public static RefillStage capacity(long capacity) {
    return new Stages("default", new ArrayList<>()).andCapacity(capacity);
  }

  /**
   * {@code requests} per {@code period}, all usable at once: the common case in one call.
   *
   * @throws GatewayConfigException when {@code requests} or {@code period} is not positive
   */
  public static RateLimit of(long requests, Duration period) {
    return capacity(requests).refillIntervally(requests, period).build();
  }

  /**
   * The limit's name: the policy name in the {@code RateLimit-Policy} and {@code RateLimit}
   * headers.
   */
  public String name() {
    return name;
  }

  /** The bandwidths, in the order they were declared; a request needs a token from each. */
  public List<Bandwidth> bandwidths() {
    return bandwidths;
  }

  /** How long an untouched bucket takes to refill completely: after that it equals a new one. */
  public Duration timeToFullRefill() {
    Duration max = Duration.ZERO;
    for (Bandwidth b : bandwidths) {
      Duration full = b.timeToFullRefill();
      if (full.compareTo(max) > 0) {
        max = full;
      }
    }
    return max;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit other
        && name.equals(other.name)
        && bandwidths.equals(other.bandwidths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, bandwidths);
  }

  @Override
  public String toString() {
    return "RateLimit{" + name + ", " + bandwidths + "}";
  }

  /** The stage after a capacity: every bandwidth needs a refill. */
  public interface RefillStage {
    /**
     * Adds tokens continuously, a fraction at a time, so that {@code tokens} arrive per {@code
     * period}: smooth, and the right choice for most APIs.
     */
    BuildStage refillGreedy(long tokens, Duration period);

    /** Adds all {@code tokens} at once at the end of each {@code period}: a fixed window. */
    BuildStage refillIntervally(long tokens, Duration period);

    /**
     * The mistakes recorded so far (the same list at every stage): a bad value is recorded instead
     * of thrown (a null still throws {@link NullPointerException}), and {@code build()} throws them
     * all. For tools that point at their own input.
     */
    List<String> problems();
  }

  /** The stage after a refill: finish, name the limit, or add another bandwidth. */
  public interface BuildStage {
    /** Starts another bandwidth; a request must pass all of them. */
    RefillStage andCapacity(long capacity);

    /** Names the limit (default {@code "default"}); the name appears in the rate-limit headers. */
    BuildStage name(String name);

    /**
     * The limit, immutable.
     *
     * @throws GatewayConfigException listing every bad value given at any stage
     */
    RateLimit build();

    /** The mistakes recorded so far, as {@link RefillStage#problems()}. */
    List<String> problems();
  }

  private static final class Stages implements RefillStage, BuildStage {
    private String name;
    private final List<Bandwidth> bandwidths;
    private final BuilderProblems problems = new BuilderProblems("RateLimit: ");
    private long capacity; // 0 after a refused capacity: its bandwidth is left out

    Stages(String name, List<Bandwidth> bandwidths) {
      this.name = name;
      this.bandwidths = bandwidths;
    }

    @Override
    public RefillStage andCapacity(long capacity) {
      if (capacity < 1) {
        problems.add("capacity must be at least 1: " + capacity);
      }
      this.capacity = Math.max(capacity, 0);
      return this;
    }

    @Override
    public BuildStage refillGreedy(long tokens, Duration period) {
      return refill(tokens, period, true);
    }

    @Override
    public BuildStage refillIntervally(long tokens, Duration period) {
      return refill(tokens, period, false);
    }

    private BuildStage refill(long tokens, Duration period, boolean greedy) {
      Objects.requireNonNull(period, "period");
      problems.check(
          () -> {
            Bandwidth bandwidth = new Bandwidth(capacity, tokens, period, greedy);
            if (capacity > 0) {
              bandwidths.add(bandwidth);
            }
          });
      return this;
    }

    @Override
    public BuildStage name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()
          || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '\\')) {
        problems.add("name must be printable ASCII without spaces or quotes: '" + name + "'");
      } else {
        this.name = name;
      }
      return this;
    }

    @Override
    public List<String> problems() {
      return problems.list();
    }

    @Override
    public RateLimit build() {
      problems.throwIfAny();
      return new RateLimit(name, bandwidths);
    }
  }
}
