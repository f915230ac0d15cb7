package dev.frontdesk.gateway;

/**
 * Makes a route's target once the gateway's upstreams exist: for targets that call upstreams
 * themselves, such as an aggregation. Set it with {@link
 * Route.Builder#handleWithUpstreams(HandlerFactory)}.
 */
@FunctionalInterface
public interface HandlerFactory {
  /**
   * Called once, during {@link Gateway.Builder#build()}. An {@link IllegalArgumentException} thrown
   * here is reported as a configuration problem of the route; a {@link GatewayConfigException}, as
   * one problem of the route per entry of its list.
   */
  Handler create(Upstreams upstreams);
}
