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
 * path and the forwarding headers the service received, so the demo shows the gateway's work.
 */
public final class DemoServices implements AutoCloseable {
  private final List<HttpServer> servers = new ArrayList<>();
  private final String users;
  private final String orders;
  private final String products;

  private DemoServices() throws IOException {
    this.users = start(DemoData::users);
    this.orders = start(DemoData::orders);
    this.products = start(DemoData::products);
  }

  /** Starts the three services. */
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

  /** Base URL of the products service. */
  public String productsUrl() {
    return products;
  }

  private String start(Function<URI, DemoData.@Nullable Answer> api) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpServer server = HttpServer.create(loopback, 0);
    server.createContext("/", exchange -> answer(exchange, api));
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Function<URI, DemoData.@Nullable Answer> api)
      throws IOException {
    try (exchange) {
      DemoData.Answer answer = exchange.getRequestMethod().equals("GET")
          ? api.apply(exchange.getRequestURI())
          : new DemoData.Answer(405, "{\"error\":\"only GET here\"}");
      if (answer == null) {
        answer = new DemoData.Answer(404, "{\"error\":\"not found\"}");
      }
      String json = "{\"data\":" + answer.json() + ",\"seenByService\":" + seen(exchange) + "}";
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** What the service received: the proof that the gateway rewrote and annotated the request. */
  private static String seen(HttpExchange exchange) {
    StringBuilder json = new StringBuilder("{\"path\":").append(DemoData.quote(
        exchange.getRequestURI().getRawPath()));
    for (String name : List.of("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-Id",
        "X-Demo-Caller")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        json.append(',').append(DemoData.quote(name)).append(':').append(DemoData.quote(value));
      }
    }
    return json.append('}').toString();
  }

  /** Stops the three services. */
  @Override
  public void close() {
    servers.forEach(server -> server.stop(0));
  }
}
