package dev.frontdesk.gateway.servlet;

/** The edge defaults suite on embedded Jetty. */
class JettyForwardingDefaultsTest extends ForwardingDefaultsSuite {
  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
