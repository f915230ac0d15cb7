package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the gateway decides about a WebSocket handshake without any server: which routes take one,
 * and the handshakes it refuses before calling an upstream (the traffic itself is tested on real
 * containers by the servlet adapter's WebSocketProxySuite).
 */
class WebSocketRouteTest {
  private static Request handshake(String path, String version) {
    return Request.of("GET", path)
        .newBuilder()
        .header("Upgrade", "websocket")
        .header("Connection", "Upgrade")
        .header("Sec-WebSocket-Version", version)
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .build();
  }

  @Test
  void aRouteWithoutWebSocketRefusesAHandshakeAfterItsMiddleware() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    try (Gateway gateway =
            Gateway.builder()
                .route(
                    "api",
                    r ->
                        r.path("/api/**")
                            .use(
                                Middlewares.before(
                                    req -> {
                                      seen.incrementAndGet();
                                      return req;
                                    }))
                            .proxyTo("http://127.0.0.1:9"))
                .build();
        Response response = gateway.handle(handshake("/api/socket", "13"))) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.body().string())
          .contains("route 'api' does not accept WebSocket upgrades");
      assertThat(seen).hasValue(1);
      assertThat(response.upgrade()).isNull();
    }
  }

  @Test
  void anUnsupportedVersionGets426NamingVersion13() throws Exception {
    try (Gateway gateway =
            Gateway.builder()
                .route("ws", r -> r.path("/ws").webSocket().proxyTo("http://127.0.0.1:9"))
                .build();
        Response response = gateway.handle(handshake("/ws", "8"))) {
      assertThat(response.status()).isEqualTo(426);
      assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
    }
  }

  @Test
  void webSocketNeedsAProxyTarget() {
    assertThatThrownBy(
            () ->
                Gateway.builder()
                    .route("fixed", r -> r.path("/f").webSocket().respond(204))
                    .build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining(
            "route 'fixed': webSocket() needs a proxy target, proxyTo(url) or proxyToUpstream(name)");
  }

  @Test
  void webSocketTakesAPositiveIdleTimeout() {
    assertThatThrownBy(
            () ->
                Gateway.builder()
                    .route("ws", r -> r.path("/ws").webSocket(Duration.ZERO).proxyTo("http://a:1"))
                    .build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("route 'ws': idleTimeout must be positive: PT0S");
  }
}
