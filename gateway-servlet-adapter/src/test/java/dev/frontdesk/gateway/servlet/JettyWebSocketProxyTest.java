package dev.frontdesk.gateway.servlet;

/**
 * The WebSocket suite on embedded Jetty 12 (ee10), where the adapter switches the connection
 * through Jetty's core API rather than the servlet upgrade (see {@code JettyConnectionSwitch}).
 */
class JettyWebSocketProxyTest extends WebSocketProxySuite {
  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
