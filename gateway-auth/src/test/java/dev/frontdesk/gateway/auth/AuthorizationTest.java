package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizationTest {
  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk("from upstream");
  Gateway gateway;

  @BeforeEach
  void start() {
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .secret(JwtAuthenticatorTest.SECRET)
            .algorithms("HS256")
            .issuer(Tokens.ISSUER)
            .clock(clock)
            .build();
    IdentityForwarding forwarding = IdentityForwarding.builder().build();
    gateway =
        Gateway.builder()
            .use(
                forwarding.stripClientHeaders(),
                Authentication.builder()
                    .authenticators(jwt)
                    .anonymousRoutes("health", "catalog")
                    .build(),
                forwarding.forward())
            .route("health", r -> r.get("/health").proxyTo(TestUpstreams.baseUrl(upstream)))
            .route("catalog", r -> r.get("/catalog").proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "read",
                r ->
                    r.get("/orders")
                        .use(Authorization.scopes("orders:read"))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "write",
                r ->
                    r.post("/orders")
                        .use(Authorization.scopes("orders:read", "orders:write"))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "admin",
                r ->
                    r.path("/admin/**")
                        .use(Authorization.anyGroup("admin", "ops"))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "tenant",
                r ->
                    r.path("/tenants/acme/**")
                        .use(Authorization.claim("tenant", "acme"))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "custom",
                r ->
                    r.path("/custom")
                        .use(Authorization.rule("only alice", id -> id.subject().equals("alice")))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "any",
                r ->
                    r.path("/me")
                        .use(Authorization.authenticated())
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build();
  }

  @AfterEach
  void close() {
    gateway.close();
    upstream.close();
  }

  String token(String claimsJson) {
    var b = Tokens.valid(clock).claim("scope", null);
    parse(claimsJson).forEach(b::claim);
    return b.signWith(new SecretKeySpec(JwtAuthenticatorTest.SECRET, "HmacSHA256")).compact();
  }

  static java.util.Map<String, Object> parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readValue(
              json,
              new com.fasterxml.jackson.core.type.TypeReference<
                  java.util.Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Exchange send(String method, String target, String claimsJson) {
    Request.Builder b = Request.builder().method(method).target(target);
    if (claimsJson != null) {
      b.header("Authorization", "Bearer " + token(claimsJson));
    }
    return Exchange.send(gateway, b.build());
  }

  @ParameterizedTest(name = "{0} {1} with {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      GET  | /orders        | {"scope":"orders:read"}                 | 200
      GET  | /orders        | {"scp":["orders:read"]}                 | 200
      GET  | /orders        | {"scp":"profile orders:read"}           | 200
      GET  | /orders        | {"scope":"orders:readx"}                | 403
      GET  | /orders        | {}                                      | 403
      GET  | /orders        | -                                       | 401
      POST | /orders        | {"scope":"orders:read orders:write"}    | 200
      POST | /orders        | {"scope":"orders:read","scp":["orders:write"]} | 200
      POST | /orders        | {"scope":"orders:write"}                | 403
      GET  | /admin/users   | {"groups":["ops"]}                      | 200
      GET  | /admin/users   | {"roles":["admin"]}                     | 200
      GET  | /admin/users   | {"groups":["staff"]}                    | 403
      GET  | /tenants/acme/x| {"tenant":"acme"}                       | 200
      GET  | /tenants/acme/x| {"tenant":["globex","acme"]}            | 200
      GET  | /tenants/acme/x| {"tenant":"globex"}                     | 403
      GET  | /custom        | {}                                      | 200
      GET  | /custom        | {"sub":"bob"}                           | 403
      GET  | /me            | {}                                      | 200
      GET  | /me            | -                                       | 401
      GET  | /health        | -                                       | 200
      GET  | /catalog       | -                                       | 200
      """)
  void rulesDecideFromTheIdentity(String method, String target, String claims, int status) {
    Exchange reply = send(method, target.strip(), claims);

    assertThat(reply.status()).isEqualTo(status);
    assertThat(upstream.getRequestCount()).isEqualTo(status == 200 ? 1 : 0);
    if (status != 200) {
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void missingScopesAre403InsufficientScopeNamingTheScopes() {
    Exchange reply = send("POST", "/orders", "{\"scope\":\"orders:read\"}");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.header("WWW-Authenticate"))
        .isEqualTo(
            "Bearer error=\"insufficient_scope\", "
                + "error_description=\"the token lacks a required scope (orders:read orders:write)\", scope=\"orders:read orders:write\"");
    assertThat(reply.problem().get("title").asText()).isEqualTo("Forbidden");
  }

  @Test
  void anAnonymousRouteTheGatewayDoesNotDeclareFailsItsBuild() {
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .secret(JwtAuthenticatorTest.SECRET)
            .algorithms("HS256")
            .issuer(Tokens.ISSUER)
            .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Gateway.builder()
                    .use(
                        Authentication.builder()
                            .authenticators(jwt)
                            .anonymousRoutes("health", "helth", "catalog")
                            .build())
                    .route("health", r -> r.get("/health").proxyTo(TestUpstreams.baseUrl(upstream)))
                    .route("orders", r -> r.get("/orders").proxyTo(TestUpstreams.baseUrl(upstream)))
                    .build())
        .isInstanceOfSatisfying(
            dev.frontdesk.gateway.GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "authentication: anonymousRoutes names route 'helth', which is not declared (routes: [health, orders])",
                        "authentication: anonymousRoutes names route 'catalog', which is not declared (routes: [health, orders])"));
  }

  @Test
  void authenticationWithoutAuthenticatorsFailsTheGatewayBuildWithItsOtherProblems() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Gateway.builder()
                    .use(Authentication.builder().anonymousRoutes("helth").build())
                    .route("health", r -> r.get("health").proxyTo(TestUpstreams.baseUrl(upstream)))
                    .build())
        .isInstanceOfSatisfying(
            dev.frontdesk.gateway.GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "route 'health': path must start with '/': 'health'",
                        "authentication: at least one authenticator is required",
                        "authentication: anonymousRoutes names route 'helth', which is not declared (routes: [health])"));
  }

  @Test
  void anonymousRoutesStillRefuseABadToken() throws Exception {
    Exchange bad =
        Exchange.send(
            gateway,
            Request.builder().target("/health").header("Authorization", "Bearer x.y.z").build());
    Exchange good = send("GET", "/catalog", "{}");

    assertThat(bad.status()).isEqualTo(401);
    assertThat(good.status()).isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id")).isEqualTo("alice");
  }

  @Test
  void optionalAuthenticationLetsAnonymousThroughWithoutIdentityHeaders() throws Exception {
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .secret(JwtAuthenticatorTest.SECRET)
            .algorithms("HS256")
            .issuer(Tokens.ISSUER)
            .clock(clock)
            .build();
    IdentityForwarding forwarding = IdentityForwarding.builder().build();
    try (Gateway optional =
        Gateway.builder()
            .use(forwarding.stripClientHeaders())
            .route(
                "feed",
                r ->
                    r.get("/feed")
                        .use(Authentication.optional(jwt), forwarding.forward())
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build()) {
      Exchange reply =
          Exchange.send(
              optional, Request.builder().target("/feed").header("X-User-Id", "admin").build());

      assertThat(reply.status()).isEqualTo(200);
      assertThat(TestUpstreams.take(upstream).getHeaders().values("X-User-Id"))
          .isEqualTo(List.of());
    }
  }
}
