package dev.frontdesk.gateway;

import java.io.IOException;
import java.time.Duration;

/**
 * Calls the gateway makes on its own behalf, such as fetching a JWKS or introspecting a token,
 * through the same HTTP client as its upstream traffic: the same connection pool, the same {@link
 * Gateway.Builder#upstreamTls upstream TLS} settings, or the OkHttp client you handed to {@link
 * Gateway.Builder#httpClient}. A {@link GatewayComponent} receives it once the gateway is built.
 * Redirects are not followed and nothing is retried.
 *
 * <pre>{@code
 * try (Response keys = client.send("GET", "https://idp.example.com/jwks.json",
 *     Headers.of("Accept", "application/json"), Body.empty(), Duration.ofSeconds(5))) {
 *   ...
 * }
 * }</pre>
 */
@FunctionalInterface
public interface OutboundClient {
  /**
   * Sends one request to an absolute {@code http(s)} URL and returns once the response headers are
   * in; the body streams, so close the response.
   *
   * @param timeout the time for the whole exchange: connecting, waiting and reading the body
   * @throws IOException when no answer came in time or the connection failed
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  Response send(String method, String url, Headers headers, Body body, Duration timeout)
      throws IOException;
}
