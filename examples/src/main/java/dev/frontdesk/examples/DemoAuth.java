package dev.frontdesk.examples;

import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.auth.ApiConsumer;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.IdentityForwarding;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * The demo's authentication: an HS256 JWT (with a token endpoint, since the demo has no identity
 * provider) and an API key. The secret and the key are demo values, printed in the README; never
 * use them anywhere else.
 */
final class DemoAuth {
  static final String API_KEY = "demo-key-0123456789abcdef";
  static final IdentityForwarding IDENTITY = IdentityForwarding.builder().build();

  /** The HS256 secret, as text for demo.yaml's {@code ${env:DEMO_JWT_SECRET}}. */
  static final String SECRET_TEXT = "frontdesk-demo-secret-do-not-use-in-production";

  private static final byte[] SECRET = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);

  private DemoAuth() {}

  /** Requires a valid demo JWT in {@code Authorization: Bearer}. */
  static Middleware jwt() {
    return Authentication.required(
        JwtAuthenticator.builder()
            .secret(SECRET)
            .algorithms("HS256")
            .issuer("frontdesk-demo")
            .realm("demo")
            .build());
  }

  /** Requires a known API key in {@code X-Api-Key}. */
  static Middleware apiKey() {
    return Authentication.required(
        ApiKeyAuthenticator.builder(
                InMemoryApiKeyStore.builder()
                    .key(API_KEY, ApiConsumer.of("demo-partner", "Demo Partner", Set.of("free")))
                    .build())
            .build());
  }

  /**
   * {@code POST /demo/token}: mints a one-hour token for {@code demo-user} with scope {@code
   * demo:read}.
   */
  static Response token(Request request) {
    return Response.builder().status(200).body("text/plain", mint(Duration.ofHours(1))).build();
  }

  /** A token for {@code demo-user} with scope {@code demo:read}, valid for {@code validity}. */
  static String mint(Duration validity) {
    return Jwts.builder()
        .subject("demo-user")
        .issuer("frontdesk-demo")
        .claim("scope", "demo:read")
        .expiration(Date.from(Instant.now().plus(validity)))
        .signWith(Keys.hmacShaKeyFor(SECRET))
        .compact();
  }
}
