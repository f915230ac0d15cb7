package dev.frontdesk.examples;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The demo services' data and their tiny REST APIs, as JSON text. */
final class DemoData {
  /** A status and a JSON body. */
  record Answer(int status, String json) {}

  private static final List<String> USERS =
      List.of(
          "{\"id\":1,\"name\":\"Ada Lovelace\",\"segment\":\"pro\"}",
          "{\"id\":2,\"name\":\"Alan Turing\",\"segment\":\"basic\"}",
          "{\"id\":3,\"name\":\"Grace Hopper\",\"segment\":\"pro\"}");
  private static final List<String> ORDERS =
      List.of(
          "{\"id\":101,\"user\":1,\"product\":11,\"quantity\":2}",
          "{\"id\":102,\"user\":1,\"product\":13,\"quantity\":1}",
          "{\"id\":103,\"user\":2,\"product\":12,\"quantity\":5}");
  private static final List<String> PRODUCTS =
      List.of(
          "{\"id\":11,\"name\":\"Analytical Engine\",\"segment\":\"pro\",\"price\":1843.00}",
          "{\"id\":12,\"name\":\"Bombe\",\"segment\":\"basic\",\"price\":1939.00}",
          "{\"id\":13,\"name\":\"Compiler\",\"segment\":\"pro\",\"price\":1952.00}");

  private DemoData() {}

  /** {@code GET /users}, {@code GET /users/{id}}. */
  static @Nullable Answer users(URI uri) {
    return collection(uri, "/users", USERS, null);
  }

  /** {@code GET /orders}, {@code GET /orders?user=1}, {@code GET /orders/{id}}. */
  static @Nullable Answer orders(URI uri) {
    return collection(uri, "/orders", ORDERS, filter(uri, "user"));
  }

  /**
   * {@code GET /products}, {@code GET /products/{id}}, {@code GET /recommendations?segment=pro}.
   */
  static @Nullable Answer products(URI uri) {
    if (uri.getPath().equals("/recommendations")) {
      String segment = filter(uri, "segment");
      return ok(
          PRODUCTS.stream()
              .filter(p -> segment == null || p.contains("\"segment\":" + quote(segment))));
    }
    return collection(uri, "/products", PRODUCTS, null);
  }

  private static @Nullable Answer collection(
      URI uri, String base, List<String> items, @Nullable String user) {
    String path = uri.getPath();
    if (path.equals(base) || path.equals(base + "/")) {
      return ok(items.stream().filter(i -> user == null || i.contains("\"user\":" + user + ",")));
    }
    if (!path.startsWith(base + "/")) {
      return null;
    }
    String id = path.substring(base.length() + 1);
    return items.stream()
        .filter(i -> id.matches("[0-9]+") && i.startsWith("{\"id\":" + id + ","))
        .findFirst()
        .map(i -> new Answer(200, i))
        .orElse(null);
  }

  private static Answer ok(Stream<String> items) {
    return new Answer(200, items.collect(Collectors.joining(",", "[", "]")));
  }

  /** The value of query parameter {@code name}, if present (the demo's values need no decoding). */
  private static @Nullable String filter(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }

  /**
   * {@code text} as a JSON string literal (the demo's values need only quote and backslash
   * escapes).
   */
  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
