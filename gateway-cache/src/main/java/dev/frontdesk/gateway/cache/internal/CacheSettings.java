package dev.frontdesk.gateway.cache.internal;

import dev.frontdesk.gateway.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ResponseCache.Builder} decided, checked already.
 *
 * @param maximumBytes bound on the weight of every stored response
 * @param maximumEntries bound on the number of stored responses
 * @param maxBodySize bodies above this stream through uncached
 * @param defaultTtlMillis freshness of a response that states none; 0 stores only explicit ones
 * @param staleRetentionMillis how long past freshness a response with a validator is kept
 * @param coalescingWait how long a miss waits for a concurrent miss of the same key
 * @param key the primary cache key of a request, or null to leave it uncached
 * @param clock the time freshness and age are computed with
 * @param refreshExecutor runs stale-while-revalidate refreshes
 */
public record CacheSettings(
    String name,
    long maximumBytes,
    long maximumEntries,
    long maxBodySize,
    long defaultTtlMillis,
    long staleRetentionMillis,
    Duration coalescingWait,
    Function<Request, @Nullable String> key,
    Clock clock,
    Executor refreshExecutor) {}
