package dev.frontdesk.gateway.ratelimit.redis.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimitBackendException;
import dev.frontdesk.gateway.ratelimit.RateLimitResult;
import dev.frontdesk.gateway.ratelimit.internal.Bucket4jLimits;
import dev.frontdesk.gateway.ratelimit.redis.SyncMode;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis backend: Bucket4j's compare-and-swap proxy manager over one Lettuce connection, with a
 * bounded cache of bucket handles (which hold the batching or delayed-sync state per key). Any
 * failure to reach Redis becomes a {@link RateLimitBackendException}.
 */
public final class LettuceBackend implements RateLimitBackend {
  private static final Logger log = LoggerFactory.getLogger(LettuceBackend.class);

  /** Never a limiter's key: those always hold a '/' (limiter name, group, client key). */
  private static final String WARM_UP_KEY = "warm-up";

  private static final RateLimit WARM_UP_LIMIT = RateLimit.of(1_000, Duration.ofSeconds(1));
  private static final int WARM_UP_CHECKS = 20;

  /** Everything the public builder collected. */
  public record Settings(
      String uri,
      String keyPrefix,
      Duration commandTimeout,
      Duration connectTimeout,
      SyncMode syncMode,
      long maxUnsyncedTokens,
      Duration maxUnsyncedTime,
      Ticker ticker,
      Duration maxReconnectDelay,
      long maximumKeys) {}

  private final Settings settings;
  private final RedisConnector connector;
  private final Cache<String, Handle> handles;
  private final TimeMeter clock;
  private volatile @Nullable ProxyManager<String> proxies;
  private volatile boolean closed;

  public LettuceBackend(Settings settings) {
    this.settings = settings;
    this.clock = Bucket4jLimits.timeMeter(settings.ticker(), true);
    this.connector =
        new RedisConnector(
            settings.uri(),
            settings.commandTimeout(),
            settings.connectTimeout(),
            settings.maxReconnectDelay());
    this.handles =
        Caffeine.newBuilder()
            .maximumSize(settings.maximumKeys())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    try {
      connector.awaitFirstConnection(settings.connectTimeout());
      warmUp(settings.connectTimeout());
    } catch (RuntimeException | Error e) {
      connector.close(); // nobody else holds it: its client threads would outlive the failed build
      throw e;
    }
  }

  /**
   * Runs a few real checks before the backend is handed out, so that the gateway's first requests
   * do not pay for loading the classes of the whole check path and the first script run: on a cold
   * JVM under load those took longer than the 250 ms command timeout, and the instance failed open
   * for its first seconds. Bounded by the connect timeout; skipped while Redis is down.
   */
  private void warmUp(Duration within) {
    long start = System.nanoTime();
    long deadline = start + within.toNanos();
    int answered = 0;
    @Nullable RateLimitBackendException last = null;
    while (answered < WARM_UP_CHECKS && connector.connected() && System.nanoTime() < deadline) {
      try {
        tryConsume(WARM_UP_KEY, WARM_UP_LIMIT);
        answered++;
      } catch (RateLimitBackendException e) {
        last = e; // a cold first check may time out: try again while time is left
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (answered > 0) {
      log.info("Redis at {}: {} warm-up checks answered in {} ms", connector, answered, millis);
    } else if (last != null) {
      log.warn(
          "Redis at {}: no warm-up check answered within {} ms ({}); limiters apply their failure mode",
          connector,
          millis,
          last.getMessage());
    }
  }

  @Override
  public RateLimitResult tryConsume(String key, RateLimit limit) {
    if (closed) {
      throw new RateLimitBackendException("the Redis backend is closed");
    }
    // Anything Lettuce or Bucket4j throws, while connecting too, is the backend failing to answer:
    // the limiter's failure mode decides, never a 500.
    try {
      ProxyManager<String> manager = proxies();
      Handle handle = handles.get(key, k -> newHandle(manager, k, limit));
      if (handle.limit != limit && !handle.limit.equals(limit)) {
        handle = newHandle(manager, key, limit);
        handles.put(key, handle);
      }
      return Bucket4jLimits.result(handle.bucket.tryConsumeAndReturnRemaining(1));
    } catch (RateLimitBackendException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RateLimitBackendException("Redis check failed: " + e, e);
    }
  }

  private ProxyManager<String> proxies() {
    ProxyManager<String> manager = proxies;
    if (manager != null) {
      return manager;
    }
    synchronized (this) {
      if (proxies == null) {
        StatefulRedisConnection<String, byte[]> connection = connector.connection();
        proxies =
            Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(clock)
                .requestTimeout(settings.commandTimeout())
                .expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(1)))
                .build();
      }
      return proxies;
    }
  }

  private Handle newHandle(ProxyManager<String> manager, String key, RateLimit limit) {
    RemoteBucketBuilder<String> builder = manager.builder();
    switch (settings.syncMode()) {
      case BATCHING -> builder = builder.withOptimization(Optimizations.batching());
      // Optimizations.delaying() reads the system clock; pass ours so local and remote time agree.
      case DELAYED ->
          builder =
              builder.withOptimization(
                  new DelayOptimization(
                      new DelayParameters(settings.maxUnsyncedTokens(), settings.maxUnsyncedTime()),
                      NopeOptimizationListener.INSTANCE,
                      clock));
      case PLAIN -> {}
    }
    BucketProxy bucket =
        builder.build(settings.keyPrefix() + key, () -> Bucket4jLimits.configuration(limit));
    return new Handle(limit, bucket);
  }

  @Override
  public synchronized void close() {
    if (!closed) { // shared by several limiters, it is closed with the first gateway that closes
      closed = true;
      connector.close();
    }
  }

  @Override
  public String toString() {
    return "RedisBackend{" + withoutPassword(settings.uri()) + ", " + settings.syncMode() + "}";
  }

  /**
   * {@code redis://user:secret@host} as {@code redis://user:***@host}: a description may be logged.
   */
  static String withoutPassword(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.indexOf('@', scheme + 3);
    if (scheme < 0 || at < 0) {
      return uri;
    }
    int colon = uri.indexOf(':', scheme + 3);
    int secretStart = colon >= 0 && colon < at ? colon + 1 : scheme + 3;
    return uri.substring(0, secretStart) + "***" + uri.substring(at);
  }

  private record Handle(RateLimit limit, BucketProxy bucket) {}
}
