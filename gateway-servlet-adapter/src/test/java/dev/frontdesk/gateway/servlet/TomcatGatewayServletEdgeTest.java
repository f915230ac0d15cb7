package dev.frontdesk.gateway.servlet;

/** The proxy-hygiene suite on embedded Tomcat. */
class TomcatGatewayServletEdgeTest extends GatewayServletEdgeSuite {
  @Override
  Container newContainer() {
    return new TomcatContainer();
  }
}
