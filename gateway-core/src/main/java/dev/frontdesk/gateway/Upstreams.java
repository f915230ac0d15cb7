package dev.frontdesk.gateway;

/**
 * The gateway's upstreams, as seen by targets that call them themselves (an aggregation calls
 * several), and the time those calls are measured by. Handed to a {@link HandlerFactory} while the
 * gateway is built.
 */
public interface Upstreams {
  /**
   * A handler that proxies requests to the named upstream with the gateway's client, forwarding
   * rules and timeouts. The request's path and query are sent as they are.
   *
   * @throws IllegalArgumentException when no upstream has that name (reported by {@code build()})
   */
  Handler proxy(String upstreamName);

  /**
   * The gateway's {@linkplain Gateway.Builder#ticker ticker}, for the target's own timeouts and
   * deadlines, so that a test's fake ticker drives them as it drives the gateway's; {@link
   * Ticker#system()} by default.
   */
  default Ticker ticker() {
    return Ticker.system();
  }
}
