package dev.frontdesk.gateway.servlet;

/** The swap suite on embedded Jetty. */
class JettyGatewaySwapTest extends GatewaySwapSuite {
  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
