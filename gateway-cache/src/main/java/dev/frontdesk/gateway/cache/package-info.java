/**
 * A shared HTTP cache as middleware ({@link dev.frontdesk.gateway.cache.ResponseCache}): stores
 * what RFC 9111 lets a shared cache store, revalidates, serves stale where allowed, and coalesces
 * concurrent misses into one upstream request.
 */
@NullMarked
package dev.frontdesk.gateway.cache;

import org.jspecify.annotations.NullMarked;
