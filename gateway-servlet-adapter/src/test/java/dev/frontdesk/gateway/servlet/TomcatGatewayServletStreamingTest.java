package dev.frontdesk.gateway.servlet;

/** The streaming suite on embedded Tomcat. */
class TomcatGatewayServletStreamingTest extends GatewayServletStreamingSuite {
  @Override
  Container newContainer() {
    return new TomcatContainer();
  }
}
