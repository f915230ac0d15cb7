/**
 * The cache's engine behind {@link dev.frontdesk.gateway.cache.ResponseCache}: directive parsing,
 * freshness arithmetic, stored entries and the Caffeine store, coalescing and the streaming tee.
 * Not API: may change at any time.
 */
@NullMarked
package dev.frontdesk.gateway.cache.internal;

import org.jspecify.annotations.NullMarked;
