package dev.frontdesk.examples;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middlewares;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.server.Server;

/**
 * The running demo: three services, a gateway in front of them, and Jetty hosting the gateway.
 * {@link DemoMain} starts it from the command line; tests start it on port 0.
 */
public final class Demo implements AutoCloseable {
  /** Request targets that work against the demo; {@link #curlLines()} prints them as curl commands. */
  static final List<String> EXAMPLES = List.of(
      "/api/users",
      "/api/users/1",
      "/api/orders?user=1",
      "/api/orders/101",
      "/api/products",
      "/api/products/11",
      "/api/recommendations?segment=pro",
      "/health",
      "/api/nothing-here");

  private final DemoServices services;
  private final Gateway gateway;
  private final Server jetty;

  private Demo(DemoServices services, Gateway gateway, Server jetty) {
    this.services = services;
    this.gateway = gateway;
    this.jetty = jetty;
  }

  /** Starts the services, then the gateway on {@code host:port} ({@code port} 0 picks a free one). */
  public static Demo start(String host, int port) throws Exception {
    DemoServices services = DemoServices.start();
    Gateway gateway = gateway(services);
    try {
      return new Demo(services, gateway, EmbedInJetty.start(gateway, host, port, 200));
    } catch (Exception e) {
      gateway.close();
      services.close();
      throw e;
    }
  }

  /**
   * The demo's routes. The group strips {@code /api} so each service sees its own paths; the
   * global middleware marks every answer, and the orders route adds a request header that the
   * orders service echoes back.
   */
  static Gateway gateway(DemoServices services) {
    return Gateway.builder()
        .use(Middlewares.setResponseHeader("X-Served-By", "frontdesk-demo"))
        .route("health", r -> r.get("/health").respond(200, "application/json", "{\"status\":\"UP\"}"))
        .group("/api", api -> api
            .use(Middlewares.stripPrefix(1))
            .route("users", r -> r.path("/users/**").to(services.usersUrl()))
            .route("orders", r -> r.path("/orders/**")
                .use(Middlewares.setRequestHeader("X-Demo-Caller", "frontdesk-demo"))
                .to(services.ordersUrl()))
            .route("products", r -> r.path("/products/**").to(services.productsUrl()))
            .route("recommendations", r -> r.get("/recommendations").to(services.productsUrl())))
        .build();
  }

  /** Where the gateway listens, e.g. {@code http://localhost:8080}. */
  public URI baseUri() {
    return URI.create("http://localhost:" + EmbedInJetty.port(jetty));
  }

  /** Base URLs of the services behind the gateway. */
  public DemoServices services() {
    return services;
  }

  /** One curl command per example, ready to paste. */
  public List<String> curlLines() {
    return EXAMPLES.stream().map(target -> "curl -i '" + baseUri() + target + "'").toList();
  }

  /** Stops Jetty, the gateway's upstream client and the services. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("stopping Jetty failed", e);
    } finally {
      gateway.close();
      services.close();
    }
  }
}
