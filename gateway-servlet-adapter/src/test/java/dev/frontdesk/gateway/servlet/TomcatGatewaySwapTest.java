package dev.frontdesk.gateway.servlet;

/** The swap suite on embedded Tomcat. */
class TomcatGatewaySwapTest extends GatewaySwapSuite {
  @Override
  Container newContainer() {
    return new TomcatContainer();
  }
}
