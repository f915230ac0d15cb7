package dev.frontdesk.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The demo's three upstream services (users, orders, products), each a JDK {@code HttpServer} on
 * its own ephemeral loopback port. Every answer carries a {@code "seenByService"} field with the
 * path and the forwarding headers the service received, so the demo shows the gateway's work. The
 * products service runs as two instances, {@code products-1} and {@code products-2}, to show load
 * balancing; each names itself in {@code X-Instance} and in {@code seenByService.instance}. Next to
 * them: a legacy XML service, a gRPC greeter and a WebSocket echo ({@link DemoEcho}).
 */
public final class DemoServices implements AutoCloseable {
  private final List<HttpServer> servers = new ArrayList<>();
  private final String users;
  private final String orders;
  private final List<String> products;
  private final io.grpc.Server greeter;
  private final String legacy;
  private final DemoEcho echo;

  private DemoServices() throws IOException {
    this.users = start("users", DemoData::users);
    this.orders = start("orders", DemoData::orders);
    this.products =
        List.of(start("products-1", DemoData::products), start("products-2", DemoData::products));
    this.greeter = DemoGrpc.startService();
    this.legacy = startLegacy();
    this.echo = DemoEcho.start();
  }

  /** Starts the three HTTP services, the gRPC greeter and the WebSocket echo. */
  public static DemoServices start() throws IOException {
    return new DemoServices();
  }

  /** Base URL of the users service, e.g. {@code http://127.0.0.1:40123}. */
  public String usersUrl() {
    return users;
  }

  /** Base URL of the orders service. */
  public String ordersUrl() {
    return orders;
  }

  /** Base URL of the legacy service, which answers {@code /users/{id}} in XML. */
  public String legacyUrl() {
    return legacy;
  }

  /** Base URL of the WebSocket echo service (any path), for a {@code webSocket()} route. */
  public String echoUrl() {
    return echo.url();
  }

  /** {@code host:port} of the gRPC greeter ({@code demo.Greeter/Hello}). */
  public String greeterTarget() {
    return "127.0.0.1:" + greeter.getPort();
  }

  /** Base URLs of the two products instances. */
  public List<String> productsUrls() {
    return products;
  }

  private String start(String instance, Function<URI, DemoData.@Nullable Answer> api)
      throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpServer server = HttpServer.create(loopback, 0);
    server.createContext("/", exchange -> answer(exchange, instance, api));
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * An old service that speaks XML: {@code GET /users/1} is a user with attributes and repeated
   * elements.
   */
  private String startLegacy() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/users/",
        exchange -> {
          try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/users/".length());
            byte[] body =
                ("<?xml version=\"1.0\"?><user id=\""
                        + (id.matches("[0-9]{1,6}") ? id : "0")
                        + "\">"
                        + "<name>Ada Lovelace</name><order>101</order><order>102</order></user>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(
      HttpExchange exchange, String instance, Function<URI, DemoData.@Nullable Answer> api)
      throws IOException {
    try (exchange) {
      DemoData.Answer answer =
          !exchange.getRequestMethod().equals("GET")
              ? new DemoData.Answer(405, "{\"error\":\"only GET here\"}")
              : exchange.getRequestURI().getPath().equals("/health")
                  ? new DemoData.Answer(200, "{\"status\":\"UP\"}")
                  : api.apply(exchange.getRequestURI());
      if (answer == null) {
        answer = new DemoData.Answer(404, "{\"error\":\"not found\"}");
      }
      String json =
          "{\"data\":" + answer.json() + ",\"seenByService\":" + seen(exchange, instance) + "}";
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("X-Instance", instance);
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** What the service received: the proof that the gateway rewrote and annotated the request. */
  private static String seen(HttpExchange exchange, String instance) {
    StringBuilder json =
        new StringBuilder("{\"instance\":")
            .append(DemoData.quote(instance))
            .append(",\"path\":")
            .append(DemoData.quote(exchange.getRequestURI().getRawPath()));
    for (String name :
        List.of(
            "X-Forwarded-For",
            "X-Forwarded-Proto",
            "X-Forwarded-Host",
            "X-Request-Id",
            "X-Demo-Caller",
            "X-User-Id",
            "X-Consumer-Id",
            "X-Scopes",
            "traceparent")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        json.append(',').append(DemoData.quote(name)).append(':').append(DemoData.quote(value));
      }
    }
    return json.append('}').toString();
  }

  /** Stops the services. */
  @Override
  public void close() {
    servers.forEach(server -> server.stop(0));
    greeter.shutdownNow();
    echo.close();
  }
}
