package dev.frontdesk.gateway.ratelimit;

/**
 * Where buckets live: in this process ({@link #local()}), or in a store shared by several gateway
 * instances (the Redis backend in {@code gateway-ratelimit-redis}). One backend may serve several
 * limiters; each limiter prefixes its keys with its own name.
 *
 * <p>Implementations must be thread-safe, and should throw {@link RateLimitBackendException} when
 * their store cannot answer, so that the limiter can apply its {@link FailureMode}.
 */
public interface RateLimitBackend extends AutoCloseable {
  /**
   * Takes one token from the bucket under {@code key}, creating the bucket full on first use.
   *
   * @throws RateLimitBackendException when the store cannot answer
   */
  RateLimitResult tryConsume(String key, RateLimit limit);

  /** Releases connections and threads; a no-op for the local backend. */
  @Override
  default void close() {}

  /** An in-process backend with default settings: see {@link #localBuilder()}. */
  static RateLimitBackend local() {
    return localBuilder().build();
  }

  /** Builds an in-process backend: bounded, expiring, with injectable time. */
  static LocalBackendBuilder localBuilder() {
    return new LocalBackendBuilder();
  }
}
