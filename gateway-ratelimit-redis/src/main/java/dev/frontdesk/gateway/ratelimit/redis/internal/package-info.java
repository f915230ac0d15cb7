/**
 * The Lettuce and Bucket4j plumbing behind {@code RedisBackend}. Not API: may change at any time.
 */
@NullMarked
package dev.frontdesk.gateway.ratelimit.redis.internal;

import org.jspecify.annotations.NullMarked;
