package dev.frontdesk.examples.bench;

import dev.frontdesk.examples.EmbedInJetty;
import dev.frontdesk.examples.EmbedInTomcat;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.cache.ResponseCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;

/**
 * The gateway the loopback benchmark runs: {@code /api/**} to one upstream, path preserved, in
 * embedded Jetty. Options: {@code --port P} (8090), {@code --upstream URL} ({@code
 * http://127.0.0.1:9001}), {@code --host H} (127.0.0.1), {@code --threads N} (200), and the
 * gateway's own settings, to measure variants: {@code --max-idle N}, {@code --read-timeout-ms N},
 * {@code --transport okhttp} (the upstream calls through an OkHttp client with a pool of {@code
 * --max-idle} connections, instead of the gateway's own HTTP/1.1 client). {@code --jwt-secret S}
 * (at least 32 bytes) puts JWT authentication (HS256), identity-header stripping and identity
 * forwarding in front of the route, and prints a one-hour token for it, so that {@code
 * bench/auth-overhead.sh} can compare the authenticated proxy with the plain one; it also puts a
 * rate limit per subject on the route (full stack: JWT + rate limit + identity). {@code --cache
 * SECONDS} puts a response cache in front of the route (every GET a hit after the first, for that
 * long), to compare hits with proxied misses. {@code --observe access,metrics,tracing} (any of
 * them, comma-separated) registers the access log, Micrometer metrics in a Prometheus registry and
 * OpenTelemetry tracing with a batch span processor, so that {@code bench/overhead.sh} can measure
 * what operations cost; {@code --trace-ratio R} records that share of new traces (default 1: every
 * request). {@code --container tomcat} serves the same gateway from embedded Tomcat instead of
 * Jetty (Tomcat's defaults: 200 threads; {@code --host} and {@code --threads} apply to Jetty only),
 * to compare the two hosts with {@code A_ARGS}/{@code B_ARGS} of {@code bench/overhead.sh}. {@code
 * --respond true} answers {@code /api/**} itself with the backend's small JSON body instead of
 * proxying: the cheapest answer the gateway gives in this container, the ceiling for cache hits.
 */
public final class BenchGateway {
  private BenchGateway() {}

  /** Starts the gateway and serves until the process is stopped. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String container = options.getOrDefault("container", "jetty");
    switch (container) {
      case "jetty" -> {
        Server jetty = start(args);
        announce(EmbedInJetty.port(jetty), args, options);
        jetty.join();
      }
      case "tomcat" -> {
        int port = Integer.parseInt(options.getOrDefault("port", "8090"));
        Tomcat tomcat = EmbedInTomcat.start(gateway(options), port);
        announce(EmbedInTomcat.port(tomcat), args, options);
        tomcat.getServer().await();
      }
      default -> throw new IllegalArgumentException("--container is jetty or tomcat: " + container);
    }
  }

  /** The line the bench scripts wait for, and the token when the full stack is on. */
  private static void announce(int port, String[] args, Map<String, String> options) {
    System.out.println("bench gateway on :" + port + " " + String.join(" ", args));
    String secret = options.get("jwt-secret");
    if (secret != null) {
      System.out.println("token: " + BenchAuth.token(secret));
    }
  }

  /** Starts the gateway as {@link #main} would and returns the running server. */
  static Server start(String[] args) throws Exception {
    Map<String, String> options = options(args);
    return EmbedInJetty.start(
        gateway(options),
        options.getOrDefault("host", "127.0.0.1"),
        Integer.parseInt(options.getOrDefault("port", "8090")),
        Integer.parseInt(options.getOrDefault("threads", "200")));
  }

  /** The bench gateway the options describe, whichever container serves it. */
  static Gateway gateway(Map<String, String> options) throws Exception {
    String upstream = options.getOrDefault("upstream", "http://127.0.0.1:9001");
    String secret = options.get("jwt-secret");
    Gateway.Builder builder =
        secret == null
            ? Gateway.builder().route("api", r -> api(r.path("/api/**"), upstream, options))
            : BenchAuth.authenticated(upstream, secret);
    if (options.containsKey("max-idle")) {
      builder.maxIdleConnections(Integer.parseInt(options.get("max-idle")));
    }
    if ("okhttp".equals(options.get("transport"))) {
      int idle = Integer.parseInt(options.getOrDefault("max-idle", "256"));
      builder.httpClient(
          new OkHttpClient.Builder()
              .connectionPool(new ConnectionPool(idle, 1, TimeUnit.MINUTES))
              .build());
    } else if (options.containsKey("transport") && !"frontdesk".equals(options.get("transport"))) {
      throw new IllegalArgumentException(
          "--transport is frontdesk or okhttp: " + options.get("transport"));
    }
    if (options.containsKey("read-timeout-ms")) {
      builder.readTimeout(Duration.ofMillis(Long.parseLong(options.get("read-timeout-ms"))));
    }
    if (options.containsKey("cache")) { // every GET a hit after the first, for --cache seconds
      builder.use(
          ResponseCache.builder()
              .defaultTtl(Duration.ofSeconds(Long.parseLong(options.get("cache"))))
              .build());
    }
    if (options.containsKey("observe")) {
      BenchObservability.register(
          builder,
          options.get("observe"),
          Double.parseDouble(options.getOrDefault("trace-ratio", "1")));
    }
    return builder.build();
  }

  /** The route's target: the upstream, or with {@code --respond true} a fixed answer. */
  private static Route.Builder api(
      Route.Builder route, String upstream, Map<String, String> options) {
    return Boolean.parseBoolean(options.get("respond"))
        ? route.respond(200, "application/json", SMALL_BODY)
        : route.proxyTo(upstream);
  }

  /** The harness backend's {@code /api/small} body (shared/bench/backends/nginx-backend.conf). */
  private static final String SMALL_BODY =
      "{\"id\":12345,\"name\":\"benchmark-item\",\"status\":\"active\",\"tags\":[\"alpha\",\"beta\",\"gamma\"],"
          + "\"price\":19.99,\"currency\":\"EUR\",\"stock\":42,\"updated\":\"2025-01-01T00:00:00Z\","
          + "\"description\":\"fixed small json body for gw bench\"}";

  /** {@code --name value} pairs; anything else is a usage error. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --name value pairs, got: " + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
