package dev.frontdesk.examples.bench;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.IdentityForwarding;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import dev.frontdesk.gateway.ratelimit.KeyResolver;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The bench gateway's full-stack variant: what a typical protected API route runs. JWT
 * authentication, a rate limit per subject (high enough never to refuse: its cost is the check),
 * identity headers stripped from clients and forwarded; the request id and forwarding headers are
 * on every route anyway.
 */
final class BenchAuth {
  private BenchAuth() {}

  /**
   * {@code /api/**} behind HS256 JWT authentication and a rate limit, identity stripped and
   * forwarded.
   */
  static Gateway.Builder authenticated(String upstream, String secret) {
    RateLimiter limit =
        RateLimiter.builder()
            .name("bench")
            .limit(RateLimit.of(10_000_000, Duration.ofSeconds(1)))
            .key(KeyResolver.subject())
            .build();
    IdentityForwarding identity = IdentityForwarding.builder().build();
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .secret(secret.getBytes(StandardCharsets.UTF_8))
            .algorithms("HS256")
            .issuer("bench")
            .build();
    return Gateway.builder()
        .use(identity.stripClientHeaders())
        .route(
            "api",
            r ->
                r.path("/api/**")
                    .use(Authentication.required(jwt), limit, identity.forward())
                    .proxyTo(upstream));
  }

  /** A one-hour HS256 token the authenticated variant accepts. */
  static String token(String secret) {
    return Jwts.builder()
        .subject("bench-user")
        .issuer("bench")
        .claim("scope", "bench:read")
        .expiration(Date.from(Instant.now().plus(Duration.ofHours(1))))
        .signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)))
        .compact();
  }
}
