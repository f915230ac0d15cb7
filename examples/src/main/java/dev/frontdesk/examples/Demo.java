package dev.frontdesk.examples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.HealthCheck;
import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.aggregation.Aggregation;
import dev.frontdesk.gateway.auth.Authorization;
import dev.frontdesk.gateway.cache.ResponseCache;
import dev.frontdesk.gateway.config.ConfigException;
import dev.frontdesk.gateway.config.ConfigResult;
import dev.frontdesk.gateway.config.GatewayConfig;
import dev.frontdesk.gateway.ratelimit.KeyResolver;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import dev.frontdesk.gateway.transform.JsonTransform;
import dev.frontdesk.gateway.transform.ResponseTransform;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;

/**
 * The running demo: three services, a gateway in front of them, and Jetty hosting the gateway.
 * {@link DemoMain} starts it from the command line; tests start it on port 0.
 */
public final class Demo implements AutoCloseable {
  /**
   * Request targets that work against the demo; {@link #curlLines()} prints them as curl commands.
   */
  static final List<String> EXAMPLES =
      List.of(
          "/api/users",
          "/api/users/1",
          "/api/orders?user=1",
          "/api/orders/101",
          "/api/products",
          "/api/products/11",
          "/api/recommendations?segment=pro",
          "/api/home?user=1",
          "/api/limited/products",
          "/api/cached/products/11",
          "/api/legacy/users/1",
          "/health",
          "/api/nothing-here");

  private final DemoServices services;
  private final DemoOperations operations;
  private final Gateway gateway;
  private final Server jetty;
  private final Gateway admin;
  private final Server adminJetty;
  private final TlsListener tls;
  private @org.jspecify.annotations.Nullable Path config;

  private Demo(
      DemoServices services,
      DemoOperations operations,
      Gateway gateway,
      Server jetty,
      Gateway admin,
      Server adminJetty,
      TlsListener tls) {
    this.services = services;
    this.operations = operations;
    this.gateway = gateway;
    this.jetty = jetty;
    this.admin = admin;
    this.adminJetty = adminJetty;
    this.tls = tls;
  }

  /**
   * Starts the services, then the gateway on {@code host:port} over HTTP and on {@code
   * host:httpsPort} over HTTPS with HTTP/2, with a self-signed certificate made now (a port of 0
   * picks a free one).
   */
  public static Demo start(String host, int port, int httpsPort, int adminPort) throws Exception {
    DemoServices services = DemoServices.start();
    DemoOperations operations = new DemoOperations();
    Gateway gateway = gateway(services, operations.listeners().toArray(GatewayListener[]::new));
    Gateway admin = operations.admin(() -> gateway);
    return host(services, operations, gateway, admin, host, port, httpsPort, adminPort);
  }

  /**
   * The same demo with its gateway read from a configuration file ({@code examples/demo.yaml}
   * describes the same gateway): the services still start here, and their addresses and the demo's
   * secrets reach the file as {@code ${env:...}} values (the process environment is asked for any
   * other name). The file's admin section gives the admin endpoints; its {@code tracing: true} uses
   * the demo's OpenTelemetry SDK, installed as the global one as the agent would be.
   *
   * @throws ConfigException when the file has problems: then nothing is left running
   */
  public static Demo startFromConfig(Path file, String host, int port, int httpsPort, int adminPort)
      throws Exception {
    DemoServices services = DemoServices.start();
    DemoOperations operations = new DemoOperations();
    try {
      operations.installGlobalOpenTelemetry();
      Map<String, String> env = environment(services);
      ConfigResult result =
          GatewayConfig.builder()
              .environment(name -> env.containsKey(name) ? env.get(name) : System.getenv(name))
              .build()
              .parse(file);
      Gateway gateway = result.gateway(); // throws ConfigException with the located problems
      Gateway admin =
          result.adminEndpoints(() -> gateway).orElseGet(() -> operations.admin(() -> gateway));
      Demo demo = host(services, operations, gateway, admin, host, port, httpsPort, adminPort);
      demo.config = file;
      return demo;
    } catch (Exception | Error e) {
      operations.close();
      services.close();
      throw e;
    }
  }

  /** What demo.yaml reads with ${env:...}: the services' addresses and the demo's secrets. */
  static Map<String, String> environment(DemoServices services) {
    return Map.ofEntries(
        Map.entry("USERS_URL", services.usersUrl()),
        Map.entry("ORDERS_URL", services.ordersUrl()),
        Map.entry("PRODUCTS_URL_1", services.productsUrls().get(0)),
        Map.entry("PRODUCTS_URL_2", services.productsUrls().get(1)),
        Map.entry("LEGACY_URL", services.legacyUrl()),
        Map.entry("ECHO_URL", services.echoUrl()),
        Map.entry("GREETER_TARGET", services.greeterTarget()),
        Map.entry("DEMO_JWT_SECRET", DemoAuth.SECRET_TEXT),
        Map.entry("DEMO_API_KEY", DemoAuth.API_KEY),
        Map.entry("ADMIN_KEY", DemoOperations.ADMIN_KEY),
        Map.entry("DEMO_TOKEN", DemoAuth.mint(Duration.ofHours(12))));
  }

  private static Demo host(
      DemoServices services,
      DemoOperations operations,
      Gateway gateway,
      Gateway admin,
      String host,
      int port,
      int httpsPort,
      int adminPort)
      throws Exception {
    TlsListener tls = TlsListener.selfSigned(httpsPort);
    Server jetty = null;
    try {
      jetty = EmbedInJetty.start(gateway, host, port, 200, tls);
      Server adminJetty = EmbedInJetty.start(admin, host, adminPort, 8);
      return new Demo(services, operations, gateway, jetty, admin, adminJetty, tls);
    } catch (Exception e) {
      if (jetty != null) {
        jetty.stop();
      }
      gateway.close();
      admin.close();
      operations.close();
      services.close();
      throw e;
    }
  }

  /**
   * The demo's routes. The group strips {@code /api} so each service sees its own paths; the global
   * middleware marks every answer, and the orders route adds a request header that the orders
   * service echoes back.
   */
  static Gateway gateway(DemoServices services, GatewayListener... listeners) {
    Gateway.Builder builder = Gateway.builder();
    for (GatewayListener listener : listeners) {
      builder.listener(listener);
    }
    return builder
        .upstream(Upstream.of("users", services.usersUrl()))
        .upstream(Upstream.of("orders", services.ordersUrl()))
        .upstream(
            Upstream.builder("products") // two instances behind one upstream
                .instance(services.productsUrls().get(0))
                .instance(services.productsUrls().get(1))
                .loadBalancing(LoadBalancing.roundRobin())
                .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(2)).build())
                .retry(RetryPolicy.defaults())
                .build())
        .use(Middlewares.setResponseHeader("X-Served-By", "frontdesk-demo"))
        .use(DemoAuth.IDENTITY.stripClientHeaders()) // no client-set X-User-Id reaches a service
        .route(
            "health", r -> r.get("/health").respond(200, "application/json", "{\"status\":\"UP\"}"))
        .route(
            "echo",
            r ->
                r.get("/ws/echo")
                    .webSocket()
                    .proxyTo(services.echoUrl())) // WebSocket: messages come back
        .group(
            "/api",
            api ->
                api.use(Middlewares.stripPrefix(1))
                    .route("users", r -> r.path("/users/**").proxyTo(services.usersUrl()))
                    .route(
                        "orders",
                        r ->
                            r.path("/orders/**")
                                .use(
                                    Middlewares.setRequestHeader("X-Demo-Caller", "frontdesk-demo"))
                                .proxyTo(services.ordersUrl()))
                    .route("products", r -> r.path("/products/**").proxyToUpstream("products"))
                    .route(
                        "recommendations",
                        r -> r.get("/recommendations").proxyToUpstream("products"))
                    .route(
                        "limited",
                        r ->
                            r.get("/limited/products")
                                .use(fivePerTenSeconds(), Middlewares.rewritePath("^/limited", ""))
                                .proxyToUpstream("products"))
                    .route(
                        "cached",
                        r ->
                            r.get("/cached/products/**") // a miss, then hits for 30 s
                                .use(
                                    ResponseCache.builder()
                                        .defaultTtl(Duration.ofSeconds(30))
                                        .build(),
                                    Middlewares.rewritePath("^/cached", ""))
                                .proxyToUpstream("products")))
        .route("home", r -> r.get("/api/home").handleWithUpstreams(home()))
        .group(
            "/grpc",
            DemoGrpc.transcoder(services.greeterTarget()).routes()) // POST /grpc/demo.Greeter/Hello
        .route(
            "legacy",
            r ->
                r.get("/api/legacy/users/{id}") // XML from the service, JSON to the client
                    .use(
                        Middlewares.stripPrefix(2),
                        ResponseTransform.builder("legacy-users")
                            .xmlToJson("order")
                            .json(JsonTransform.builder().rename("/@id", "id").build())
                            .build())
                    .proxyTo(services.legacyUrl()))
        .route("demo-token", r -> r.post("/demo/token").handleWith(DemoAuth::token))
        .route(
            "secure",
            r ->
                r.get("/secure/users/{id}")
                    .use(
                        DemoAuth.jwt(),
                        Authorization.scopes("demo:read"),
                        DemoAuth.IDENTITY.forward(),
                        Middlewares.stripPrefix(1))
                    .proxyToUpstream("users"))
        .route(
            "partner",
            r ->
                r.get("/partner/products/**")
                    .use(
                        DemoAuth.apiKey(),
                        DemoAuth.IDENTITY.forward(),
                        Middlewares.removeRequestHeader("X-Api-Key"),
                        Middlewares.stripPrefix(1))
                    .proxyToUpstream("products"))
        .build();
  }

  /** Five requests per ten seconds per client address, with RateLimit and X-RateLimit headers. */
  private static RateLimiter fivePerTenSeconds() {
    return RateLimiter.builder()
        .name("demo")
        .limit(RateLimit.of(5, Duration.ofSeconds(10)))
        .key(KeyResolver.clientAddress())
        .legacyHeaders(true)
        .build();
  }

  /**
   * One round trip for a home screen: the profile, the user's orders and recommendations for the
   * profile's segment. Orders and profile run in parallel; recommendations wait for the profile.
   */
  private static Aggregation home() {
    return Aggregation.builder()
        .timeout(Duration.ofSeconds(2))
        .call(
            "profile", c -> c.get("users", "/users/{query.user}").passThrough(404).select("/data"))
        .call(
            "orders",
            c ->
                c.get("orders", "/orders?user={query.user}")
                    .select("/data")
                    .timeout(Duration.ofMillis(500))
                    .optional(JsonNodeFactory.instance.arrayNode()))
        .call(
            "recommendations",
            c ->
                c.get("products", "/recommendations?segment={profile:/data/segment}")
                    .select("/data")
                    .timeout(Duration.ofMillis(500))
                    .optional(JsonNodeFactory.instance.arrayNode()))
        .build();
  }

  /** The configuration file the gateway was read from; empty when it is the code's. */
  public java.util.Optional<Path> config() {
    return java.util.Optional.ofNullable(config);
  }

  /** Where the gateway listens, e.g. {@code http://localhost:8080}. */
  public URI baseUri() {
    return URI.create("http://localhost:" + EmbedInJetty.port(jetty));
  }

  /**
   * Where the gateway listens for HTTPS (HTTP/2 or HTTP/1.1), e.g. {@code https://localhost:8443}.
   */
  public URI httpsBaseUri() {
    return URI.create("https://localhost:" + EmbedInJetty.tlsPort(jetty));
  }

  /** The self-signed certificate of the HTTPS listener, made at start: what a client must trust. */
  public java.security.cert.X509Certificate certificate() {
    return tls.certificate();
  }

  /** A curl command for the HTTPS listener ({@code -k}: the certificate is self-signed). */
  public String httpsCurlLine() {
    return "curl -k --http2 -i '" + httpsBaseUri() + "/api/users/1'";
  }

  /** Base URLs of the services behind the gateway. */
  public DemoServices services() {
    return services;
  }

  /** One curl command per example, ready to paste. */
  public List<String> curlLines() {
    return EXAMPLES.stream().map(target -> "curl -i '" + baseUri() + target + "'").toList();
  }

  /** The WebSocket echo's address through the gateway, e.g. {@code ws://localhost:8080/ws/echo}. */
  public URI webSocketUri() {
    return URI.create("ws://localhost:" + EmbedInJetty.port(jetty) + "/ws/echo");
  }

  /** A websocat command for the WebSocket echo route: type a line, get it back. */
  public String webSocketLine() {
    return "websocat " + webSocketUri();
  }

  /** Where the admin endpoints listen, e.g. {@code http://localhost:8081}. */
  public URI adminUri() {
    return URI.create("http://localhost:" + EmbedInJetty.port(adminJetty));
  }

  /** curl commands for the admin endpoints. */
  public List<String> adminCurlLines() {
    String key = " -H 'X-Api-Key: " + DemoOperations.ADMIN_KEY + "'";
    return List.of(
        "curl -i '" + adminUri() + "/health/ready'",
        "curl -s" + key + " '" + adminUri() + "/upstreams'",
        "curl -s"
            + key
            + " '"
            + adminUri()
            + "/metrics' | grep -E '^http_server_request_duration_seconds_count'");
  }

  /** Stops Jetty gracefully (requests in flight finish), then the gateway and the services. */
  @Override
  public void close() {
    try {
      EmbedInJetty.stop(jetty, gateway, Duration.ofSeconds(10));
      EmbedInJetty.stop(adminJetty, admin, Duration.ofSeconds(1));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("stopping Jetty failed", e);
    } finally {
      gateway.close();
      admin.close();
      operations.close();
      services.close();
    }
  }
}
