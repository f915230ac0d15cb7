package dev.frontdesk.gateway;

/**
 * Observes a gateway: what happens to each request, and to the upstreams between requests. It is
 * the one seam that access logs, metrics and tracing are built on, and yours to implement; register
 * it with {@link Gateway.Builder#listener(GatewayListener)}. Every method does nothing by default,
 * so implement only what you need. A gateway without listeners does none of this work.
 *
 * <p>Methods are called on the thread that did the work (request threads, health-check threads),
 * sometimes while the gateway holds a lock: return quickly and never block. An exception thrown by
 * a listener is logged and otherwise ignored; it never changes an answer.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .listener(new GatewayListener() {
 *       public ExchangeListener exchangeStarted(Request request) {
 *         long start = System.nanoTime();
 *         return new ExchangeListener() {
 *           public void finished(ExchangeOutcome outcome) {
 *             System.out.println(request.path() + " " + outcome.status());
 *           }
 *         };
 *       }
 *     })
 *     ...
 * }</pre>
 */
public interface GatewayListener {

  /**
   * A request arrived that the gateway will answer. Return the listener of this one exchange (state
   * per request, such as a span, lives there), or {@link ExchangeListener#NONE}.
   *
   * @param request the request as the client sent it; the attributes {@link Attributes#REQUEST_ID}
   *     and {@link Attributes#CLIENT_ADDRESS} are not set yet: the exchange learns them in {@link
   *     ExchangeListener#routed}
   */
  default ExchangeListener exchangeStarted(Request request) {
    return ExchangeListener.NONE;
  }

  /**
   * An instance was taken out of rotation.
   *
   * @param reason why, for example {@code "consecutive failures"} or {@code "health check"}
   */
  default void instanceEjected(String upstream, String instance, String reason) {}

  /**
   * An instance that failed its health checks passes them again and is back in rotation; this also
   * ends an outlier ejection it was serving.
   */
  default void instanceReadmitted(String upstream, String instance) {}

  /**
   * A circuit breaker opened: calls are refused for a while.
   *
   * @param instance the instance for a breaker per instance, null for one per upstream
   */
  default void circuitOpened(String upstream, @org.jspecify.annotations.Nullable String instance) {}

  /** A circuit breaker closed again after successful trial calls. */
  default void circuitClosed(String upstream, @org.jspecify.annotations.Nullable String instance) {}

  /** A retry was not made because the upstream's retry budget was spent. */
  default void retryBudgetExhausted(String upstream) {}

  /**
   * An authenticator fetched a key set (a JWKS) from an identity provider. Reported to the listener
   * handed to that authenticator (for example {@code JwtAuthenticator.builder().listener(...)}),
   * which need not be registered with a gateway.
   *
   * @param source where the keys came from, such as the JWKS URL
   * @param succeeded false when the fetch failed and the last good set stays in use
   */
  default void keySetRefreshed(String source, boolean succeeded) {}
}
