package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.internal.http.Deadlines;

/**
 * Everything one upstream call needs to know, resolved once per request before the first attempt:
 * the retry policy in force, the time limits as instants, and the body readied for that policy.
 */
final class CallPlan {
  final RetryPolicy retry;
  final long tryNanos; // per attempt; Long.MAX_VALUE for none
  final long end; // the deadline for response headers, over all attempts
  final long callBy; // the cap on the whole call, body included
  final long connectMillis;
  final long readMillis;
  final ReplayableBody body;

  CallPlan(
      RetryPolicy retry,
      long tryNanos,
      long end,
      long callBy,
      long connectMillis,
      long readMillis,
      ReplayableBody body) {
    this.retry = retry;
    this.tryNanos = tryNanos;
    this.end = end;
    this.callBy = callBy;
    this.connectMillis = connectMillis;
    this.readMillis = readMillis;
    this.body = body;
  }

  /** The limits of an attempt starting now. */
  Deadlines attemptDeadlines() {
    long headersBy = tryNanos == Long.MAX_VALUE ? end : Math.min(end, System.nanoTime() + tryNanos);
    return new Deadlines(connectMillis, readMillis, Math.min(headersBy, callBy), callBy);
  }

  boolean pastDeadline() {
    return end != Deadlines.NONE && System.nanoTime() >= end;
  }
}
