package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.internal.LocalBackend;
import java.util.List;
import java.util.Objects;

/**
 * Builds the in-process {@link RateLimitBackend}. Its buckets live in a bounded map (Caffeine) so
 * that a flood of new keys (spoofed API keys, many addresses) cannot exhaust memory, and a bucket
 * left alone expires once it would have refilled completely, since it then equals a new one.
 *
 * <p>Defaults: at most 100,000 keys, {@link Ticker#system()}. A bad value is recorded, not thrown
 * where it is given; {@link #build()} throws one {@link GatewayConfigException} listing them.
 */
public final class LocalBackendBuilder {
  private long maximumKeys = 100_000;
  private Ticker ticker = Ticker.system();
  private final BuilderProblems problems = new BuilderProblems("local backend: ");

  LocalBackendBuilder() {}

  /**
   * The mistakes the setters recorded so far: a bad value is recorded instead of thrown (a null
   * still throws {@link NullPointerException}), and {@link #build()} throws them all.
   */
  public List<String> problems() {
    return problems.list();
  }

  /**
   * The most buckets kept. Past it the least recently used go first; an evicted client starts again
   * with a full bucket, so size it above the number of clients active within one refill time.
   */
  public LocalBackendBuilder maximumKeys(long maximumKeys) {
    if (maximumKeys < 1) {
      problems.add("maximumKeys must be at least 1: " + maximumKeys);
    } else {
      this.maximumKeys = maximumKeys;
    }
    return this;
  }

  /** The time source for refills and expiry; tests pass one they can move. */
  public LocalBackendBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * The backend; share one between limiters or give each its own.
   *
   * @throws GatewayConfigException listing every bad value the setters were given
   */
  public RateLimitBackend build() {
    problems.throwIfAny();
    return new LocalBackend(maximumKeys, ticker);
  }
}
