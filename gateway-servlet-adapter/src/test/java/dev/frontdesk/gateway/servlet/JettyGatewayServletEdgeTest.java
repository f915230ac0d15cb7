package dev.frontdesk.gateway.servlet;

/** The proxy-hygiene suite on embedded Jetty. */
class JettyGatewayServletEdgeTest extends GatewayServletEdgeSuite {
  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
