package dev.frontdesk.gateway;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an upstream spreads requests over its instances. Instances that are ejected, failing their
 * health checks, behind an open circuit or already tried by this request are skipped.
 *
 * <pre>{@code
 * Upstream.builder("carts").loadBalancing(LoadBalancing.consistentHashOnCookie("session"))
 * }</pre>
 */
public final class LoadBalancing {
  /** The balancing algorithms. */
  public enum Kind {
    /** Each instance in turn, ignoring weights. */
    ROUND_ROBIN,
    /** Smooth weighted round robin (as NGINX): shares follow the weights, evenly interleaved. */
    WEIGHTED_ROUND_ROBIN,
    /** Power of two choices: of two random instances, the one with fewer requests in flight. */
    LEAST_IN_FLIGHT,
    /** A hash ring on a request key: the same key reaches the same instance while it is up. */
    CONSISTENT_HASH
  }

  /** What a consistent hash is computed from. */
  public enum HashSource {
    /** A request header's value. */
    HEADER,
    /** A cookie's value. */
    COOKIE,
    /** The client's address ({@link Attributes#CLIENT_ADDRESS}). */
    CLIENT_IP,
    /** The authenticated consumer ({@link Identity#consumerId()}, else its subject). */
    CONSUMER
  }

  private static final LoadBalancing ROUND_ROBIN = new LoadBalancing(Kind.ROUND_ROBIN, null, null);

  private final Kind kind;
  private final @Nullable HashSource hashSource;
  private final @Nullable String hashName;

  private LoadBalancing(Kind kind, @Nullable HashSource hashSource, @Nullable String hashName) {
    this.kind = kind;
    this.hashSource = hashSource;
    this.hashName = hashName;
  }

  /** Each instance in turn (the default). */
  public static LoadBalancing roundRobin() {
    return ROUND_ROBIN;
  }

  /** Shares in proportion to {@link Instance#weight()}, interleaved smoothly. */
  public static LoadBalancing weightedRoundRobin() {
    return new LoadBalancing(Kind.WEIGHTED_ROUND_ROBIN, null, null);
  }

  /** Fewest requests in flight, by the power of two choices: cheap and herd-free. */
  public static LoadBalancing leastInFlight() {
    return new LoadBalancing(Kind.LEAST_IN_FLIGHT, null, null);
  }

  /** Sticky by a header's value; requests without it are spread at random. */
  public static LoadBalancing consistentHashOnHeader(String header) {
    return new LoadBalancing(Kind.CONSISTENT_HASH, HashSource.HEADER, nonBlank(header, "header"));
  }

  /** Sticky by a cookie's value; requests without it are spread at random. */
  public static LoadBalancing consistentHashOnCookie(String cookie) {
    return new LoadBalancing(Kind.CONSISTENT_HASH, HashSource.COOKIE, nonBlank(cookie, "cookie"));
  }

  /** Sticky by the client's address (trusted-proxy aware). */
  public static LoadBalancing consistentHashOnClientIp() {
    return new LoadBalancing(Kind.CONSISTENT_HASH, HashSource.CLIENT_IP, null);
  }

  /** Sticky by the authenticated consumer; anonymous requests are spread at random. */
  public static LoadBalancing consistentHashOnConsumer() {
    return new LoadBalancing(Kind.CONSISTENT_HASH, HashSource.CONSUMER, null);
  }

  /** The algorithm. */
  public Kind kind() {
    return kind;
  }

  /** What the hash is computed from, for {@link Kind#CONSISTENT_HASH}. */
  public @Nullable HashSource hashSource() {
    return hashSource;
  }

  /** The header or cookie name, for those hash sources. */
  public @Nullable String hashName() {
    return hashName;
  }

  private static String nonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** Equal when the policy and its hash key are. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof LoadBalancing other
        && java.util.Objects.equals(kind, other.kind)
        && java.util.Objects.equals(hashSource, other.hashSource)
        && java.util.Objects.equals(hashName, other.hashName);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, hashSource, hashName);
  }

  @Override
  public String toString() {
    return hashSource == null
        ? kind.toString()
        : kind + "(" + hashSource + (hashName == null ? "" : " " + hashName) + ")";
  }
}
