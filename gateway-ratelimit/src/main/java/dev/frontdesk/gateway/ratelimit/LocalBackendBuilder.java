package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.internal.LocalBackend;
import java.util.Objects;

/**
 * Builds the in-process {@link RateLimitBackend}. Its buckets live in a bounded map (Caffeine) so
 * that a flood of new keys (spoofed API keys, many addresses) cannot exhaust memory, and a bucket
 * left alone expires once it would have refilled completely, since it then equals a new one.
 *
 * <p>Defaults: at most 100,000 keys, {@link Ticker#system()}.
 */
public final class LocalBackendBuilder {
  private long maximumKeys = 100_000;
  private Ticker ticker = Ticker.system();

  LocalBackendBuilder() {}

  /**
   * The most buckets kept. Past it the least recently used go first; an evicted client starts again
   * with a full bucket, so size it above the number of clients active within one refill time.
   */
  public LocalBackendBuilder maximumKeys(long maximumKeys) {
    if (maximumKeys < 1) {
      throw new IllegalArgumentException("maximumKeys must be at least 1: " + maximumKeys);
    }
    this.maximumKeys = maximumKeys;
    return this;
  }

  /** The time source for refills and expiry; tests pass one they can move. */
  public LocalBackendBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /** The backend; share one between limiters or give each its own. */
  public RateLimitBackend build() {
    return new LocalBackend(maximumKeys, ticker);
  }
}
