package dev.frontdesk.gateway.aggregation;

import com.sun.net.httpserver.HttpServer;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Upstream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures client-side latency of aggregations over three stub services that each answer after 100
 * ms: one leg (the floor), three parallel legs (should be close to the floor, not 300 ms) and a
 * chain of two dependent legs (about 200 ms). Not a test: run it by hand, see docs/aggregation.md.
 * Arguments: number of measured runs per case (default 50).
 *
 * <p>The stubs are JDK HttpServers with TCP_NODELAY: MockWebServer writes headers and body
 * separately without it, and Nagle's algorithm plus the client's delayed ACK then adds up to 40 ms
 * to some answers, which would measure the stub, not the gateway.
 */
public final class AggregationLatencyMain {
  private AggregationLatencyMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer users =
        stub(threads, Map.of("/users/alice", "{\"id\":\"alice\",\"segment\":\"gold\"}"));
    HttpServer orders = stub(threads, Map.of("/orders", "[{\"id\":1}]"));
    HttpServer products =
        stub(threads, Map.of("/featured", "[\"lamp\"]", "/recommendations", "[\"desk\"]"));
    try (Gateway gateway = gateway(url(users), url(orders), url(products))) {
      for (String path : new String[] {"/single", "/parallel", "/chain"}) {
        measure(gateway, path, 20); // warm-up
        report(path, measure(gateway, path, runs));
      }
    } finally {
      users.stop(0);
      orders.stop(0);
      products.stop(0);
      threads.shutdown();
    }
  }

  /** A service answering each path after 100 ms. */
  private static HttpServer stub(ExecutorService threads, Map<String, String> answers)
      throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Thread.sleep(100);
            byte[] body =
                answers
                    .getOrDefault(exchange.getRequestURI().getPath(), "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private static Gateway gateway(String users, String orders, String products) {
    return Gateway.builder()
        .upstream(Upstream.of("users", users))
        .upstream(Upstream.of("orders", orders))
        .upstream(Upstream.of("products", products))
        .route(
            "single",
            r ->
                r.get("/single")
                    .handleWithUpstreams(
                        Aggregation.builder()
                            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
                            .build()))
        .route(
            "parallel",
            r ->
                r.get("/parallel")
                    .handleWithUpstreams(
                        Aggregation.builder()
                            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
                            .call("orders", c -> c.get("orders", "/orders?user={identity.sub}"))
                            .call("featured", c -> c.get("products", "/featured"))
                            .build()))
        .route(
            "chain",
            r ->
                r.get("/chain")
                    .handleWithUpstreams(
                        Aggregation.builder()
                            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
                            .call(
                                "recommendations",
                                c ->
                                    c.get(
                                        "products", "/recommendations?segment={profile:/segment}"))
                            .build()))
        .build();
  }

  private static long[] measure(Gateway gateway, String path, int runs) throws Exception {
    long[] micros = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (Response response = gateway.handle(AggregationTestSupport.get(path))) {
        response.body().bytes(1 << 20);
        if (response.status() != 200) {
          throw new IllegalStateException(path + " answered " + response.status());
        }
      }
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    return micros;
  }

  private static void report(String path, long[] micros) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    System.out.printf(
        Locale.ROOT,
        "%-10s runs=%d min=%.1f median=%.1f p90=%.1f p99=%.1f max=%.1f ms%n",
        path,
        n,
        sorted[0] / 1000.0,
        sorted[n / 2] / 1000.0,
        sorted[(int) Math.ceil(n * 0.9) - 1] / 1000.0,
        sorted[(int) Math.ceil(n * 0.99) - 1] / 1000.0,
        sorted[n - 1] / 1000.0);
  }
}
