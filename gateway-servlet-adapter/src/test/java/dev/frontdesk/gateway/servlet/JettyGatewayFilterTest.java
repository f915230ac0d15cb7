package dev.frontdesk.gateway.servlet;

/** The filter suite on embedded Jetty. */
class JettyGatewayFilterTest extends GatewayFilterSuite {
  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
