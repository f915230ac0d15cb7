package dev.frontdesk.gateway.ratelimit;

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
 * another bandwidth, so a limit without a refill does not compile.
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

  /** {@code requests} per {@code period}, all usable at once: the common case in one call. */
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
  }

  /** The stage after a refill: finish, name the limit, or add another bandwidth. */
  public interface BuildStage {
    /** Starts another bandwidth; a request must pass all of them. */
    RefillStage andCapacity(long capacity);

    /** Names the limit (default {@code "default"}); the name appears in the rate-limit headers. */
    BuildStage name(String name);

    /** The limit, immutable. */
    RateLimit build();
  }

  private static final class Stages implements RefillStage, BuildStage {
    private String name;
    private final List<Bandwidth> bandwidths;
    private long capacity;

    Stages(String name, List<Bandwidth> bandwidths) {
      this.name = name;
      this.bandwidths = bandwidths;
    }

    @Override
    public RefillStage andCapacity(long capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    @Override
    public BuildStage refillGreedy(long tokens, Duration period) {
      bandwidths.add(new Bandwidth(capacity, tokens, period, true));
      return this;
    }

    @Override
    public BuildStage refillIntervally(long tokens, Duration period) {
      bandwidths.add(new Bandwidth(capacity, tokens, period, false));
      return this;
    }

    @Override
    public BuildStage name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()
          || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '\\')) {
        throw new IllegalArgumentException(
            "name must be printable ASCII without spaces or quotes: '" + name + "'");
      }
      this.name = name;
      return this;
    }

    @Override
    public RateLimit build() {
      return new RateLimit(name, bandwidths);
    }
  }
}
