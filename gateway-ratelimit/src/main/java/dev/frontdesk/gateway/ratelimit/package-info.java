/**
 * Rate limiting and throttling middleware: token buckets per client key, concurrency limits, and
 * limits shared by several gateway instances through Redis.
 */
@NullMarked
package dev.frontdesk.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
