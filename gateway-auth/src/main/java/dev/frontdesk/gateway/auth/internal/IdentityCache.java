package dev.frontdesk.gateway.auth.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.frontdesk.gateway.Identity;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Identities already proved for a credential, keyed by the credential's SHA-256 (the credential
 * itself is not kept), each good until its own deadline (the token's expiry) and never longer than
 * a cap, so a revoked key or token stops working within the cap. Time comes from the injected
 * clock; an entry stored at a later time than the clock now reads (the wall clock was set back) is
 * dropped rather than kept for the cap plus the step. The cache itself bounds memory in real time.
 */
public final class IdentityCache {
  private record Entry(Identity identity, long storedAtMillis, long validUntilMillis) {}

  private final @Nullable Cache<ByteBuffer, Entry> cache;
  private final Clock clock;
  private final long capMillis;

  public IdentityCache(long maxSize, Duration cap, Clock clock) {
    this.clock = clock;
    this.capMillis = cap.toMillis();
    this.cache =
        maxSize == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(cap.toNanos(), TimeUnit.NANOSECONDS)
                .build();
  }

  /** The identity cached under this key, if it is still valid now. */
  public @Nullable Identity get(ByteBuffer key) {
    if (cache == null) {
      return null;
    }
    Entry entry = cache.getIfPresent(key);
    if (entry == null) {
      return null;
    }
    long now = clock.millis();
    if (now < entry.storedAtMillis() || now >= entry.validUntilMillis()) {
      cache.invalidate(key);
      return null;
    }
    return entry.identity();
  }

  public void put(ByteBuffer key, Identity identity, long validUntilMillis) {
    long now = clock.millis();
    if (cache != null && validUntilMillis > now) {
      cache.put(key, new Entry(identity, now, Math.min(validUntilMillis, now + capMillis)));
    }
  }

  public boolean enabled() {
    return cache != null;
  }
}
