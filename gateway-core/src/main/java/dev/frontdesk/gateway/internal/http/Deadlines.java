package dev.frontdesk.gateway.internal.http;

/**
 * The time limits of one attempt, as {@link System#nanoTime()} instants ({@link Long#MAX_VALUE} for
 * none), together with the route's connect and read (idle) timeouts. Real time, not the gateway's
 * ticker: socket timeouts and the {@link Reaper}, which closes a socket past its deadline, are kept
 * by the operating system's clock. A deadline the gateway keeps on its ticker comes here through
 * {@code TimeSource.toTransport}, as the time it has left.
 *
 * @param connectMillis time to open a connection
 * @param readMillis time the upstream may stay silent while we wait for bytes
 * @param headersBy the instant by which response headers must have arrived (per-try timeout and
 *     deadline)
 * @param callBy the instant by which the whole call, body included, must be done
 */
public record Deadlines(long connectMillis, long readMillis, long headersBy, long callBy) {
  public static final long NONE = Long.MAX_VALUE;

  /** The instant {@code nanos} from now, in the transport's real time. */
  public static long fromNow(long nanos) {
    return System.nanoTime() + nanos;
  }

  /** Milliseconds left until {@code instant}, at least 1; {@code fallback} when there is none. */
  static int millisUntil(long instant, long fallback) {
    if (instant == NONE) {
      return (int) Math.min(Integer.MAX_VALUE, fallback);
    }
    long left = Math.max(1, (instant - System.nanoTime() + 999_999) / 1_000_000);
    return (int) Math.min(Math.min(left, fallback), Integer.MAX_VALUE);
  }
}
