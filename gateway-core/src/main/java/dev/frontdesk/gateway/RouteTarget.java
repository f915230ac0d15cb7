package dev.frontdesk.gateway;

/**
 * What a route does with a request once its middleware has run: exactly one of these, set by one
 * terminal call of {@link Route.Builder}. A proxy target may also take WebSocket handshakes ({@link
 * Route.Builder#webSocket()}); the route's timeouts and forwarding options apply to proxy targets.
 */
sealed interface RouteTarget {

  /** Proxies to one URL or to a named upstream. */
  sealed interface Proxy extends RouteTarget {}

  /** {@link Route.Builder#proxyTo(String)}. */
  record ProxyToUrl(String url) implements Proxy {
    @Override
    public String toString() {
      return "proxyTo(" + url + ")";
    }
  }

  /** {@link Route.Builder#proxyToUpstream(String)}. */
  record ProxyToUpstream(String upstream) implements Proxy {
    @Override
    public String toString() {
      return "proxyToUpstream(" + upstream + ")";
    }
  }

  /**
   * Answers with a handler: a fixed response, a redirect, or {@link Route.Builder#handleWith}.
   *
   * @param description the call that set it, for messages
   */
  record Answer(Handler handler, String description) implements RouteTarget {
    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * {@link Route.Builder#handleWithUpstreams(HandlerFactory)}: a handler made once the upstreams
   * exist.
   */
  record AnswerWithUpstreams(HandlerFactory factory) implements RouteTarget {
    @Override
    public String toString() {
      return "handleWithUpstreams(" + factory + ")";
    }
  }
}
