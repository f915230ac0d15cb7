package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayHolder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link GatewayServlet} mounted at {@code /*} in a real container, driven by a real client, with
 * MockWebServer as the upstream behind route {@code /api/**}. Suites extend this and get a subclass
 * per container, so every test runs on each. The container starts once per class; each test swaps
 * in its own gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletFixture {
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The gateway the container serves; {@link #use} swaps in another. */
  final GatewayHolder gateway = GatewayHolder.of(Gateway.builder().build());

  Container container;
  MockWebServer upstream;

  abstract Container newContainer();

  @BeforeAll
  void startContainer() throws Exception {
    container = newContainer();
    mount(container);
  }

  /** Puts the gateway into the container: by default, a {@link GatewayServlet} at {@code /*}. */
  void mount(Container container) throws Exception {
    container.start(Map.of("/*", new GatewayServlet(gateway)), null);
  }

  @AfterAll
  void stopContainer() {
    container.close();
  }

  @BeforeEach
  void startUpstream() throws IOException {
    upstream = new MockWebServer();
    upstream.start();
    use(b -> b.route("api", r -> r.path("/api/**").proxyTo(upstream.url("/").toString())));
  }

  @AfterEach
  void closeUpstream() {
    gateway.current().close();
    upstream.close();
  }

  /** Replaces the gateway the servlet uses. */
  void use(UnaryOperator<Gateway.Builder> routes) {
    gateway.swap(routes.apply(Gateway.builder()).build()); // the previous one closes when idle
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + container.port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }
}
