package dev.frontdesk.gateway.ratelimit.redis;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.redis.internal.LettuceBackend;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Buckets in Redis, shared by every gateway instance that points at the same Redis: a limit of 100
 * per second holds for the fleet, not per instance. Keys expire in Redis once their bucket would
 * have refilled completely.
 *
 * <p>When Redis cannot be reached, checks throw {@code RateLimitBackendException} after at most the
 * command timeout (at once while disconnected), and the {@code RateLimiter}'s {@code FailureMode}
 * decides: limit from this instance's share of the limit (the default) or answer 503. The client
 * reconnects by itself, and limits apply again as soon as Redis answers.
 *
 * <pre>{@code
 * RateLimitBackend redis = RedisBackend.builder("redis://redis.internal:6379")
 *     .commandTimeout(Duration.ofMillis(100)).build();
 * RateLimiter limiter = RateLimiter.builder().limit(RateLimit.of(100, Duration.ofSeconds(1)))
 *     .backend(redis).build();
 * }</pre>
 */
public final class RedisBackend {
  private RedisBackend() {}

  /** Starts a backend for the Redis at {@code uri}, such as {@code redis://host:6379/0}. */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /**
   * Builds a Redis {@link RateLimitBackend}. Defaults: key prefix {@code frontdesk:rl:}, command
   * timeout 250 ms, connect timeout 5 s, {@link SyncMode#BATCHING}, wall-clock time, reconnect
   * delay growing to at most 1 s, at most 100,000 bucket handles cached in this process.
   *
   * <p>A bad value (here or in {@link RedisBackend#builder(String)}) does not throw where it is
   * given (a null does, {@link NullPointerException}): it is recorded, the option keeps its
   * previous value, and {@link #build()} throws one {@link GatewayConfigException} listing every
   * mistake.
   */
  public static final class Builder {
    private final String uri;
    private String keyPrefix = "frontdesk:rl:";
    private Duration commandTimeout = Duration.ofMillis(250);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private SyncMode syncMode = SyncMode.BATCHING;
    private long maxUnsyncedTokens;
    private Duration maxUnsyncedTime = Duration.ZERO;
    private Ticker ticker = Ticker.wallClock();
    private Duration maxReconnectDelay = Duration.ofSeconds(1);
    private long maximumKeys = 100_000;
    private final BuilderProblems problems = new BuilderProblems("RedisBackend: ");

    private Builder(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
        problems.add("uri must start with redis:// or rediss://: '" + uri + "'");
      }
    }

    /**
     * The mistakes recorded so far, each naming this backend: a bad value is recorded instead of
     * thrown, and {@link #build()} throws them all. For tools that point at their own input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /** Prepended to every Redis key, so several applications can share one Redis. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /** The longest a check waits for Redis before the limiter's failure mode applies. */
    public Builder commandTimeout(Duration commandTimeout) {
      Objects.requireNonNull(commandTimeout, "commandTimeout");
      problems.check(
          () -> this.commandTimeout = Durations.positive(commandTimeout, "commandTimeout"));
      return this;
    }

    /**
     * The longest a connection attempt may take. {@link #build()} waits this long for the first
     * connection; later attempts run in the background and never hold up a request.
     */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      problems.check(
          () -> this.connectTimeout = Durations.positive(connectTimeout, "connectTimeout"));
      return this;
    }

    /**
     * {@link SyncMode#PLAIN} or {@link SyncMode#BATCHING}; use {@link #delayedSync} for DELAYED.
     */
    public Builder syncMode(SyncMode syncMode) {
      Objects.requireNonNull(syncMode, "syncMode");
      if (syncMode == SyncMode.DELAYED) {
        problems.add("syncMode DELAYED needs its bounds: call delayedSync(tokens, time)");
      } else {
        this.syncMode = syncMode;
      }
      return this;
    }

    /**
     * {@link SyncMode#DELAYED}: write back to Redis after {@code maxUnsyncedTokens} local
     * consumptions or {@code maxUnsyncedTime}, whichever comes first. Each instance may overshoot
     * the shared limit by up to {@code maxUnsyncedTokens}.
     */
    public Builder delayedSync(long maxUnsyncedTokens, Duration maxUnsyncedTime) {
      Objects.requireNonNull(maxUnsyncedTime, "maxUnsyncedTime");
      problems.check(
          () -> {
            if (maxUnsyncedTokens < 1) {
              throw new IllegalArgumentException(
                  "maxUnsyncedTokens must be at least 1: " + maxUnsyncedTokens);
            }
            this.maxUnsyncedTime = Durations.positive(maxUnsyncedTime, "maxUnsyncedTime");
            this.maxUnsyncedTokens = maxUnsyncedTokens;
            this.syncMode = SyncMode.DELAYED;
          });
      return this;
    }

    /**
     * The clock buckets refill by. Every instance must read the same time, so the default is the
     * wall clock (in nanoseconds since the epoch); tests pass one they move.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** The longest pause between reconnection attempts once Redis went away. */
    public Builder maxReconnectDelay(Duration maxReconnectDelay) {
      Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
      problems.check(
          () ->
              this.maxReconnectDelay = Durations.positive(maxReconnectDelay, "maxReconnectDelay"));
      return this;
    }

    /** The most bucket handles this process keeps (they hold the batching and delayed state). */
    public Builder maximumKeys(long maximumKeys) {
      if (maximumKeys < 1) {
        problems.add("maximumKeys must be at least 1: " + maximumKeys);
      } else {
        this.maximumKeys = maximumKeys;
      }
      return this;
    }

    /**
     * The backend. It waits up to the connect timeout for Redis and runs a few real checks, so the
     * first requests find the check path loaded, but never fails because Redis is down: checks
     * apply the limiter's failure mode until a connection is made in the background.
     *
     * @throws GatewayConfigException listing every bad value the builder was given, before any
     *     connection is tried
     */
    public RateLimitBackend build() {
      problems.throwIfAny();
      return new LettuceBackend(
          new LettuceBackend.Settings(
              uri,
              keyPrefix,
              commandTimeout,
              connectTimeout,
              syncMode,
              maxUnsyncedTokens,
              maxUnsyncedTime,
              ticker,
              maxReconnectDelay,
              maximumKeys));
    }
  }
}
