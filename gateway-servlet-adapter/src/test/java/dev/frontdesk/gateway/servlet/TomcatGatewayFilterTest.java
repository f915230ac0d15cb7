package dev.frontdesk.gateway.servlet;

/** The filter suite on embedded Tomcat. */
class TomcatGatewayFilterTest extends GatewayFilterSuite {
  @Override
  Container newContainer() {
    return new TomcatContainer();
  }
}
