/**
 * Implementations behind the rate-limiting API: the local backend, the Bucket4j conversions and the
 * header rendering. Not API: may change at any time.
 */
@NullMarked
package dev.frontdesk.gateway.ratelimit.internal;

import org.jspecify.annotations.NullMarked;
