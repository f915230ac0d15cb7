package dev.frontdesk.gateway.servlet;

/** The edge defaults suite on embedded Tomcat. */
class TomcatForwardingDefaultsTest extends ForwardingDefaultsSuite {
  @Override
  Container newContainer() {
    return new TomcatContainer();
  }
}
