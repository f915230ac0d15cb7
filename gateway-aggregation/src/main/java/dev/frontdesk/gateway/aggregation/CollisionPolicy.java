package dev.frontdesk.gateway.aggregation;

/**
 * What happens when two legs write the same top-level key of the composed response. Without a
 * declared policy, {@link Aggregation.Builder#build()} fails whenever such a collision is possible,
 * so a collision is never resolved silently.
 */
public enum CollisionPolicy {
  /** Every colliding key is renamed {@code <leg>.<key>} for each leg that wrote it. */
  NAMESPACE,
  /** The value of the leg declared first is kept; later ones are dropped. */
  FIRST_WINS,
  /** Objects are merged recursively; for any other pair of values the later leg's value wins. */
  DEEP_MERGE,
  /** The values are collected into an array, in declaration order; arrays are concatenated. */
  APPEND
}
