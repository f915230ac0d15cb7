package dev.frontdesk.gateway.servlet;

/**
 * The WebSocket suite on embedded Jetty 12 (ee10): the handshake's refusals and headers only, as
 * Jetty 12.1's servlet upgrade does not switch the connection (see {@link #switchesConnections}).
 */
class JettyWebSocketProxyTest extends WebSocketProxySuite {
  @Override
  boolean switchesConnections() {
    return false;
  }

  @Override
  Container newContainer() {
    return new JettyContainer();
  }
}
