package dev.frontdesk.gateway.config;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.aggregation.Aggregation;
import dev.frontdesk.gateway.auth.ApiConsumer;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.Authorization;
import dev.frontdesk.gateway.auth.IdentityForwarding;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import dev.frontdesk.gateway.ratelimit.KeyResolver;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configuration file and the builder code it stands for answer one table of requests the same
 * way: status, the headers that matter, body, and (echoed by the upstreams) what each upstream
 * received.
 */
class RoundTripConfigTest {
  private static final String SECRET = "round-trip-secret-0123456789abcdef0123";
  private static final String API_KEY = "partner-key-0123456789abcdef";

  private static final String CONFIG =
      """
      gateway:
        connectTimeout: 2s
        readTimeout: 5s
        trustedProxies: [10.0.0.0/8]
      upstreams:
        users:
          instances: ["${env:USERS_URL}"]
          retry: none
        products:
          instances: ["${env:PRODUCTS_URL}", "${env:PRODUCTS_URL}"]
          loadBalancing: least-in-flight
      auth:
        authenticators:
          jwt:
            jwt: {secret: "${env:JWT_SECRET}", algorithms: [HS256], issuer: round-trip}
          keys:
            apiKeys:
              consumers:
                - {id: acme, groups: [gold], keys: ["${env:ACME_KEY}"]}
        identity:
          claimHeaders: {email: X-User-Email}
      rateLimits:
        limiters:
          tight: {limit: 2/1m, key: {header: X-Client}}
      use:
        - setResponseHeader: {name: X-Served-By, value: frontdesk}
      routes:
        - id: users
          path: /api/users/**
          methods: [GET]
          use:
            - stripPrefix: 1
            - setRequestHeader: {name: X-Env, value: test}
            - removeRequestHeader: X-Debug
          upstream: users
        - id: tenant-users
          path: /api/users/**
          methods: [GET]
          headers: [{name: X-Tenant, value: acme}]
          use:
            - addPrefix: /tenants/acme
          upstream: users
        - id: search
          path: /search
          queries: [{name: q, matches: "[a-z]+"}]
          use:
            - rewritePath: {regex: "^/search$", replacement: /v2/find}
            - addResponseHeader: {name: Cache-Control, value: no-store}
          to: "${env:PRODUCTS_URL}"
        - id: hosted
          path: /hosted
          host: "*.example.com"
          respond: {status: 200, contentType: text/plain, body: hosted}
        - id: health
          path: /health
          methods: [GET]
          respond: {status: 200, contentType: text/plain, body: ok}
        - id: docs
          path: /docs
          redirect: {status: 308, location: "https://docs.example.com/"}
        - id: secure
          path: /secure/**
          use:
            - authenticate: [jwt, keys]
            - requireScopes: [read]
            - forwardIdentity: true
          upstream: users
        - id: limited
          path: /limited
          use:
            - rateLimit: tight
          upstream: products
        - id: home
          path: /home
          methods: [GET]
          aggregate:
            legs:
              user: {upstream: users, target: "/users/{query.id}"}
              product: {upstream: products, target: /products/7, optional: true}
        - group: /admin
          use:
            - authenticate: [keys]
            - requireAnyGroup: [gold]
          routes:
            - id: admin-stats
              path: /stats
              upstream: products
      """;

  private final MockWebServer users = echo("users");
  private final MockWebServer products = echo("products");
  private Gateway fromConfig;
  private Gateway fromCode;

  @BeforeEach
  void build() throws Exception {
    Map<String, String> env =
        Map.of(
            "USERS_URL",
            baseUrl(users),
            "PRODUCTS_URL",
            baseUrl(products),
            "JWT_SECRET",
            SECRET,
            "ACME_KEY",
            API_KEY);
    fromConfig =
        GatewayConfig.builder()
            .environment(env::get)
            .build()
            .parse("gateway.yaml", CONFIG, Path.of("."))
            .gateway();
    fromCode = code();
  }

  @AfterEach
  void close() throws Exception {
    fromConfig.close();
    fromCode.close();
    users.close();
    products.close();
  }

  /** The same gateway, written with the builders. */
  private Gateway code() {
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .secret(SECRET.getBytes(StandardCharsets.UTF_8))
            .algorithms("HS256")
            .issuer("round-trip")
            .build();
    ApiKeyAuthenticator keys =
        ApiKeyAuthenticator.builder(
                InMemoryApiKeyStore.builder()
                    .key(API_KEY, ApiConsumer.of("acme", "acme", Set.of("gold")))
                    .build())
            .build();
    IdentityForwarding identity =
        IdentityForwarding.builder().claimHeader("email", "X-User-Email").build();
    RateLimiter tight =
        RateLimiter.builder()
            .name("tight")
            .limit(RateLimit.of(2, Duration.ofMinutes(1)))
            .key(KeyResolver.header("X-Client"))
            .build();
    return Gateway.builder()
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .trustedProxies("10.0.0.0/8")
        .upstream(
            Upstream.builder("users")
                .instance(baseUrl(users))
                .retry(dev.frontdesk.gateway.RetryPolicy.none())
                .build())
        .upstream(
            Upstream.builder("products")
                .instance(baseUrl(products))
                .instance(baseUrl(products))
                .loadBalancing(dev.frontdesk.gateway.LoadBalancing.leastInFlight())
                .build())
        .use(identity.stripClientHeaders())
        .use(Middlewares.setResponseHeader("X-Served-By", "frontdesk"))
        .route(
            "users",
            r ->
                r.methods("GET")
                    .path("/api/users/**")
                    .use(
                        Middlewares.stripPrefix(1),
                        Middlewares.setRequestHeader("X-Env", "test"),
                        Middlewares.removeRequestHeader("X-Debug"))
                    .proxyToUpstream("users"))
        .route(
            "tenant-users",
            r ->
                r.methods("GET")
                    .path("/api/users/**")
                    .header("X-Tenant", "acme")
                    .use(Middlewares.addPrefix("/tenants/acme"))
                    .proxyToUpstream("users"))
        .route(
            "search",
            r ->
                r.path("/search")
                    .queryMatches("q", "[a-z]+")
                    .use(
                        Middlewares.rewritePath("^/search$", "/v2/find"),
                        Middlewares.addResponseHeader("Cache-Control", "no-store"))
                    .proxyTo(baseUrl(products)))
        .route(
            "hosted",
            r -> r.path("/hosted").host("*.example.com").respond(200, "text/plain", "hosted"))
        .route("health", r -> r.get("/health").respond(200, "text/plain", "ok"))
        .route("docs", r -> r.path("/docs").redirect(308, "https://docs.example.com/"))
        .route(
            "secure",
            r ->
                r.path("/secure/**")
                    .use(
                        Authentication.required(jwt, keys),
                        Authorization.scopes("read"),
                        identity.forward())
                    .proxyToUpstream("users"))
        .route("limited", r -> r.path("/limited").use(tight).proxyToUpstream("products"))
        .route(
            "home",
            r ->
                r.get("/home")
                    .handleWithUpstreams(
                        Aggregation.builder()
                            .call("user", c -> c.get("users", "/users/{query.id}"))
                            .call("product", c -> c.get("products", "/products/7").optional())
                            .build()))
        .group(
            "/admin",
            g ->
                g.use(Authentication.required(keys), Authorization.anyGroup("gold"))
                    .route("admin-stats", r -> r.path("/stats").proxyToUpstream("products")))
        .build();
  }

  @Test
  void aConfigFileAndItsBuilderCodeAnswerEveryRequestTheSameWay() throws Exception {
    String token =
        jwt(
            "{\"sub\":\"ann\",\"iss\":\"round-trip\",\"exp\":4102444800,\"scope\":\"read\",\"email\":\"ann@example.com\"}");
    String weak =
        jwt("{\"sub\":\"bob\",\"iss\":\"round-trip\",\"exp\":4102444800,\"scope\":\"write\"}");
    List<Request> table =
        List.of(
            Request.builder()
                .method("GET")
                .target("/api/users/7")
                .header("X-Debug", "1")
                .header("X-User-Id", "forged")
                .build(),
            Request.builder()
                .method("GET")
                .target("/api/users/7")
                .header("X-Tenant", "acme")
                .build(),
            Request.of("POST", "/api/users/7"),
            Request.of("GET", "/search?q=shoes"),
            Request.of("GET", "/search?q=123"),
            Request.builder()
                .method("GET")
                .target("/hosted")
                .header("Host", "shop.example.com")
                .build(),
            Request.builder().method("GET").target("/hosted").header("Host", "example.org").build(),
            Request.of("GET", "/health"),
            Request.of("HEAD", "/health"),
            Request.of("GET", "/docs"),
            Request.of("GET", "/secure/profile"),
            Request.builder()
                .method("GET")
                .target("/secure/profile")
                .header("Authorization", "Bearer " + token)
                .build(),
            Request.builder()
                .method("GET")
                .target("/secure/profile")
                .header("Authorization", "Bearer " + weak)
                .build(),
            Request.builder()
                .method("GET")
                .target("/secure/profile")
                .header("Authorization", "Bearer not.a.jwt")
                .build(),
            Request.builder()
                .method("GET")
                .target("/secure/profile")
                .header("X-Api-Key", "wrong-key-0123456789")
                .build(),
            Request.builder().method("GET").target("/limited").header("X-Client", "c1").build(),
            Request.builder().method("GET").target("/limited").header("X-Client", "c1").build(),
            Request.builder().method("GET").target("/limited").header("X-Client", "c1").build(),
            Request.of("GET", "/home?id=3"),
            Request.of("GET", "/admin/stats"),
            Request.builder()
                .method("GET")
                .target("/admin/stats")
                .header("X-Api-Key", API_KEY)
                .build(),
            Request.of("GET", "/nothing-here"),
            Request.of("GET", "/api/../health"));
    Set<String> statuses = new java.util.TreeSet<>();
    for (Request request : table) {
      String expected = SameAnswers.describe(fromCode.handle(request));
      String actual = SameAnswers.describe(fromConfig.handle(request));
      assertThat(actual).as(request.method() + " " + request.target()).isEqualTo(expected);
      statuses.add(actual.substring(0, 3));
    }
    // The table exercises more than one outcome: proxied, answered, redirected, refused, limited.
    assertThat(statuses).contains("200", "308", "400", "401", "403", "404", "429");
  }

  @Test
  void theTableReachesTheUpstreamsItShould() {
    Response response =
        fromConfig.handle(
            Request.builder().method("GET").target("/api/users/7").header("X-Debug", "1").build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().string())
        .contains("users GET /users/7")
        .contains("x-env=test")
        .doesNotContain("x-debug");
  }

  /** An upstream that answers with what it received: method, target and the headers that matter. */
  private static MockWebServer echo(String name) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            List<String> seen = new ArrayList<>();
            for (String header :
                List.of(
                    "X-Env",
                    "X-Debug",
                    "X-User-Id",
                    "X-Consumer-Id",
                    "X-Scopes",
                    "X-User-Email",
                    "X-Tenant",
                    "Authorization",
                    "X-Api-Key")) {
              String value = request.getHeaders().get(header);
              if (value != null) {
                seen.add(header.toLowerCase(java.util.Locale.ROOT) + "=" + value);
              }
            }
            String body =
                "{\"seen\":\""
                    + name
                    + " "
                    + request.getMethod()
                    + " "
                    + request.getTarget()
                    + " "
                    + seen
                    + "\"}";
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
          }
        });
    try {
      server.start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return server;
  }

  private static String jwt(String claims) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String head =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        b64.encodeToString(mac.doFinal((head + "." + body).getBytes(StandardCharsets.UTF_8)));
    return head + "." + body + "." + signature;
  }
}
