package dev.frontdesk.gateway.servlet;

/** The streaming suite on embedded Jetty. */
class JettyGatewayServletStreamingTest extends GatewayServletStreamingSuite {
  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
