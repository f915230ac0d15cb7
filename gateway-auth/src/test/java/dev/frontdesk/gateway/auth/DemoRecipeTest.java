package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * The recipe docs/auth.md gives for the demo (token route, JWT route, API-key route) works as
 * written.
 */
class DemoRecipeTest {
  @Test
  void aDemoTokenOpensTheSecureRouteAndTheDemoKeyOpensThePartnerRoute() throws Exception {
    try (MockWebServer upstream = TestUpstreams.alwaysOk("from upstream")) {
      String backendUrl = TestUpstreams.baseUrl(upstream);
      // --- recipe ---
      byte[] demoSecret =
          "frontdesk-demo-secret-do-not-use-in-production".getBytes(StandardCharsets.UTF_8);
      JwtAuthenticator jwt =
          JwtAuthenticator.builder()
              .secret(demoSecret)
              .algorithms("HS256")
              .issuer("frontdesk-demo")
              .realm("demo")
              .build();
      ApiKeyAuthenticator apiKeys =
          ApiKeyAuthenticator.builder(
                  InMemoryApiKeyStore.builder()
                      .key(
                          "demo-key-0123456789abcdef",
                          ApiConsumer.of("demo-partner", "Demo Partner", Set.of("free")))
                      .build())
              .build();
      IdentityForwarding identity = IdentityForwarding.builder().build();
      Gateway gateway =
          Gateway.builder()
              .use(identity.stripClientHeaders())
              .route(
                  "demo-token",
                  r ->
                      r.post("/demo/token")
                          .handleWith(
                              request ->
                                  Response.builder()
                                      .status(200)
                                      .body(
                                          "text/plain",
                                          Jwts.builder()
                                              .subject("demo-user")
                                              .issuer("frontdesk-demo")
                                              .claim("scope", "demo:read")
                                              .expiration(
                                                  Date.from(
                                                      Instant.now().plus(Duration.ofHours(1))))
                                              .signWith(Keys.hmacShaKeyFor(demoSecret))
                                              .compact())
                                      .build()))
              .route(
                  "demo-secure",
                  r ->
                      r.get("/secure/**")
                          .use(
                              Authentication.required(jwt),
                              Authorization.scopes("demo:read"),
                              identity.forward())
                          .proxyTo(backendUrl))
              .route(
                  "demo-partner",
                  r ->
                      r.get("/partner/**")
                          .use(
                              Authentication.required(apiKeys),
                              identity.forward(),
                              Middlewares.removeRequestHeader("X-Api-Key"))
                          .proxyTo(backendUrl))
              .build();
      // --- end of recipe ---
      try (gateway) {
        String token = Exchange.send(gateway, Request.of("POST", "/demo/token")).body();

        Exchange secure =
            Exchange.send(
                gateway,
                Request.builder()
                    .target("/secure/hello")
                    .header("Authorization", "Bearer " + token)
                    .build());
        assertThat(secure.status()).isEqualTo(200);
        assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id"))
            .isEqualTo("demo-user");

        Exchange partner =
            Exchange.send(
                gateway,
                Request.builder()
                    .target("/partner/hello")
                    .header("X-Api-Key", "demo-key-0123456789abcdef")
                    .build());
        assertThat(partner.status()).isEqualTo(200);
        assertThat(TestUpstreams.take(upstream).getHeaders().get("X-Consumer-Id"))
            .isEqualTo("demo-partner");

        Exchange anonymous = Exchange.send(gateway, Request.of("GET", "/secure/hello"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"demo\"");
      }
    }
  }
}
