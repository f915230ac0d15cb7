package dev.frontdesk.gateway.servlet;

/** The servlet suite on embedded Jetty 12 (ee10). */
class JettyGatewayServletTest extends GatewayServletSuite {
  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
