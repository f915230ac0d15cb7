package dev.frontdesk.gateway.servlet;

/** The servlet suite on embedded Tomcat 10.1. */
class TomcatGatewayServletTest extends GatewayServletSuite {
  @Override
  Container newContainer() {
    return new TomcatContainer();
  }
}
