package dev.frontdesk.gateway.ratelimit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.frontdesk.gateway.Ticker;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimitResult;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Buckets in this process, in a Caffeine map bounded by size. Each entry expires once it has been
 * left alone for as long as its bucket takes to refill completely: by then it equals a new bucket,
 * so expiry never hands a client more than its limit.
 */
public final class LocalBackend implements RateLimitBackend {
  private final Cache<String, Entry> buckets;
  private final TimeMeter timeMeter;

  public LocalBackend(long maximumKeys, Ticker ticker) {
    this.timeMeter = Bucket4jLimits.timeMeter(ticker, false);
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maximumKeys)
            .expireAfter(new RefillExpiry())
            .ticker(ticker::read)
            .executor(Runnable::run)
            .build();
  }

  @Override
  public RateLimitResult tryConsume(String key, RateLimit limit) {
    Entry entry =
        buckets.get(key, k -> new Entry(limit, Bucket4jLimits.localBucket(limit, timeMeter)));
    if (entry.limit != limit && !entry.limit.equals(limit)) {
      // The key now falls under another limit (its limiter was rebuilt): start it on the new one.
      entry = new Entry(limit, Bucket4jLimits.localBucket(limit, timeMeter));
      buckets.put(key, entry);
    }
    return Bucket4jLimits.result(entry.bucket.tryConsumeAndReturnRemaining(1));
  }

  /** The number of buckets held, after pending expiry and eviction: for tests and metrics. */
  public long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  @Override
  public String toString() {
    return "LocalBackend{" + buckets.estimatedSize() + " buckets}";
  }

  private record Entry(RateLimit limit, Bucket bucket) {}

  private static final class RefillExpiry implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return entry.limit.timeToFullRefill().toNanos();
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
      return entry.limit.timeToFullRefill().toNanos();
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return entry.limit.timeToFullRefill().toNanos();
    }
  }
}
