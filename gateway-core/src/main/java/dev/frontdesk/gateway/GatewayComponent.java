package dev.frontdesk.gateway;

/**
 * Optional for middleware, route handlers and handler factories: a way to take part in {@link
 * Gateway.Builder#build()}. The builder calls {@link #check} on every such object it was given
 * (once each, even when several routes share it), with a read-only view of the gateway being built,
 * so that a component can refuse a configuration it cannot work in; what it reports lands in the
 * same {@link GatewayConfigException} as the builder's own problems. Once the gateway is built,
 * {@link #gatewayBuilt} hands it the gateway's {@link OutboundClient} for calls of its own.
 *
 * <pre>{@code
 * final class AdminOnly implements Middleware, GatewayComponent {
 *   public void check(GatewayContext gateway) {
 *     if (!gateway.routeIds().contains("login")) {
 *       gateway.problem("adminOnly: it sends users to route 'login', which is not declared");
 *     }
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>A component shared by several gateways (kept across a reload, or reused through {@link
 * Gateway#newBuilder()}) is checked by each build, and uses the client of the gateway built last.
 */
public interface GatewayComponent {
  /**
   * Checks this component against the gateway being built; reports each problem with {@link
   * GatewayContext#problem}, naming the component. Does nothing by default. An exception thrown
   * here is reported as a problem too.
   */
  default void check(GatewayContext gateway) {}

  /**
   * Called once the gateway is built, before it answers any request, with the client the gateway
   * uses for all its upstream traffic (its own, or the OkHttp client handed to {@link
   * Gateway.Builder#httpClient}). Not called when the build fails. Does nothing by default.
   */
  default void gatewayBuilt(OutboundClient client) {}
}
