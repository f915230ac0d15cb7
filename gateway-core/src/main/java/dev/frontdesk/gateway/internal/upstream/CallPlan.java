package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.internal.TimeSource;
import dev.frontdesk.gateway.internal.http.Deadlines;

/**
 * Everything one upstream call needs to know, resolved once per request before the first attempt:
 * the retry policy in force, the time limits as instants of the gateway's ticker, and the body
 * readied for that policy.
 */
final class CallPlan {
  final TimeSource time;
  final RetryPolicy retry;
  final long tryNanos; // per attempt; Long.MAX_VALUE for none
  final long end; // the deadline for response headers, over all attempts
  final long callBy; // the cap on the whole call, body included
  final long connectMillis;
  final long readMillis;
  final ReplayableBody body;

  CallPlan(
      TimeSource time,
      RetryPolicy retry,
      long tryNanos,
      long end,
      long callBy,
      long connectMillis,
      long readMillis,
      ReplayableBody body) {
    this.time = time;
    this.retry = retry;
    this.tryNanos = tryNanos;
    this.end = end;
    this.callBy = callBy;
    this.connectMillis = connectMillis;
    this.readMillis = readMillis;
    this.body = body;
  }

  /**
   * The limits of an attempt starting now, as the transport keeps them: in real time (its sockets
   * time out and its reaper closes them by {@link System#nanoTime()}), with the time left on the
   * gateway's ticker.
   */
  Deadlines attemptDeadlines() {
    long now = time.read();
    long headersBy = tryNanos == Long.MAX_VALUE ? end : Math.min(end, now + tryNanos);
    return new Deadlines(
        connectMillis,
        readMillis,
        time.toTransport(Math.min(headersBy, callBy), now),
        time.toTransport(callBy, now));
  }

  /** Whether the deadline for response headers has passed, or will have {@code nanos} from now. */
  boolean pastDeadline(long nanos) {
    return end != Deadlines.NONE && end - time.read() <= nanos;
  }
}
