/**
 * A Redis backend for gateway-ratelimit: several gateway instances share one set of buckets, so a
 * limit holds across the whole fleet. Built on Bucket4j's Lettuce integration, which this API never
 * exposes.
 */
@NullMarked
package dev.frontdesk.gateway.ratelimit.redis;

import org.jspecify.annotations.NullMarked;
