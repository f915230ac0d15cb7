package dev.frontdesk.gateway.servlet;

/** The WebSocket suite on embedded Tomcat 10.1. */
class TomcatWebSocketProxyTest extends WebSocketProxySuite {
  @Override
  Container newContainer() {
    return new TomcatContainer();
  }
}
