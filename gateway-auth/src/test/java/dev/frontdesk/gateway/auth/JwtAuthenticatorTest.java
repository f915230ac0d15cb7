package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtAuthenticatorTest {
  static final byte[] SECRET =
      "a-test-only-hmac-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);

  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk("from upstream");
  Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
    upstream.close();
  }

  JwtAuthenticator.Builder hs256() {
    return JwtAuthenticator.builder()
        .secret(SECRET)
        .algorithms("HS256")
        .issuer(Tokens.ISSUER)
        .audience(Tokens.AUDIENCE)
        .clock(clock)
        .realm("orders");
  }

  Gateway gateway(JwtAuthenticator jwt, IdentityForwarding forwarding) {
    gateway =
        Gateway.builder()
            .use(forwarding.stripClientHeaders())
            .route(
                "orders",
                r ->
                    r.path("/orders/**")
                        .use(Authentication.required(jwt), forwarding.forward())
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build();
    return gateway;
  }

  Exchange get(String token) {
    return Exchange.send(
        gateway,
        Request.builder().target("/orders/7").header("Authorization", "Bearer " + token).build());
  }

  @Test
  void validTokenReachesUpstreamWithIdentityHeadersAndWithoutTheToken() throws Exception {
    gateway(hs256().build(), IdentityForwarding.builder().build());
    String token =
        Tokens.valid(clock)
            .claim("client_id", "mobile")
            .signWith(Jwts.SIG.HS256.key().build())
            .compact();
    String good =
        Tokens.valid(clock)
            .claim("client_id", "mobile")
            .signWith(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"), Jwts.SIG.HS256)
            .compact();

    Exchange reply =
        Exchange.send(
            gateway,
            Request.builder()
                .target("/orders/7")
                .header("Authorization", "Bearer " + good)
                .header("X-User-Id", "admin")
                .build());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("from upstream");
    RecordedRequest received = TestUpstreams.take(upstream);
    assertThat(received.getHeaders().values("X-User-Id")).containsExactly("alice");
    assertThat(received.getHeaders().get("X-Consumer-Id")).isEqualTo("mobile");
    assertThat(received.getHeaders().get("X-Scopes")).isEqualTo("orders:read orders:write");
    assertThat(received.getHeaders().get("Authorization")).isNull();
    assertThat(get(token).status()).as("a token signed with another secret").isEqualTo(401);
  }

  @Test
  void authorizationHeaderIsForwardedWhenConfigured() throws Exception {
    gateway(hs256().build(), IdentityForwarding.builder().forwardAuthorization(true).build());
    String token =
        Tokens.valid(clock)
            .signWith(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"))
            .compact();

    assertThat(get(token).status()).isEqualTo(200);

    assertThat(TestUpstreams.take(upstream).getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + token);
  }

  @Test
  void missingTokenIs401WithBearerChallengeAndProblemBody() {
    gateway(hs256().build(), IdentityForwarding.builder().build());

    Exchange reply = Exchange.send(gateway, Request.of("GET", "/orders/7"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"orders\"");
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.problem().get("status").asInt()).isEqualTo(401);
    assertThat(reply.problem().get("detail").asText()).isEqualTo("credentials are required");
    assertThat(reply.problem().has("requestId")).isTrue();
    assertThat(upstream.getRequestCount()).isZero();
  }

  static Stream<Arguments> rejectedClaims() {
    return Stream.of(
        Arguments.of("expired", "the token has expired"),
        Arguments.of("not yet valid", "the token is not valid yet"),
        Arguments.of("issued in the future", "the token was issued in the future"),
        Arguments.of("wrong issuer", "the token's issuer is not accepted"),
        Arguments.of("no issuer", "the token's issuer is not accepted"),
        Arguments.of("wrong audience", "the token is not meant for this audience"),
        Arguments.of("no audience", "the token is not meant for this audience"),
        Arguments.of("no subject", "the token has no subject ('sub' claim)"),
        Arguments.of("missing required claim", "the token lacks the required claim 'tenant'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedClaims")
  void tokensWithUnacceptableClaimsAre401InvalidToken(String problem, String description) {
    gateway(hs256().requiredClaims("tenant").build(), IdentityForwarding.builder().build());
    var key = new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256");
    var b = Tokens.valid(clock).claim("tenant", "acme");
    Date now = Date.from(clock.instant());
    switch (problem) {
      case "expired" -> b.expiration(new Date(now.getTime() - 31_000));
      case "not yet valid" -> b.notBefore(new Date(now.getTime() + 31_000));
      case "issued in the future" -> b.issuedAt(new Date(now.getTime() + 31_000));
      case "wrong issuer" -> b.issuer("https://evil.test/");
      case "no issuer" -> b.issuer(null);
      case "wrong audience" -> b.audience().clear().add("other-api").and();
      case "no audience" -> b.audience().clear().and();
      case "no subject" -> b.subject(null);
      default -> b.claim("tenant", null);
    }

    Exchange reply = get(b.signWith(key).compact());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate"))
        .isEqualTo(
            "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\""
                + description
                + "\"");
    assertThat(reply.problem().get("detail").asText()).isEqualTo(description);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void clockSkewToleratesSlightlyExpiredTokensAndTheCacheForgetsExpiredOnes() {
    gateway(
        hs256().clockSkew(Duration.ofSeconds(30)).build(), IdentityForwarding.builder().build());
    String token =
        Tokens.valid(clock)
            .expiration(Date.from(clock.instant().plusSeconds(60)))
            .signWith(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"))
            .compact();

    assertThat(get(token).status()).isEqualTo(200); // validated and cached
    clock.advance(Duration.ofSeconds(80));
    assertThat(get(token).status()).as("20 s past exp, within the skew").isEqualTo(200);
    clock.advance(Duration.ofSeconds(20));
    Exchange reply = get(token);
    assertThat(reply.status()).as("40 s past exp").isEqualTo(401);
    assertThat(reply.problem().get("detail").asText()).isEqualTo("the token has expired");
  }

  static Stream<Arguments> algorithms() {
    return Stream.of(
        Arguments.of("RS256", Jwts.SIG.RS256), Arguments.of("RS512", Jwts.SIG.RS512),
        Arguments.of("PS256", Jwts.SIG.PS256), Arguments.of("PS384", Jwts.SIG.PS384),
        Arguments.of("ES256", Jwts.SIG.ES256), Arguments.of("ES384", Jwts.SIG.ES384),
        Arguments.of("ES512", Jwts.SIG.ES512), Arguments.of("EdDSA", Jwts.SIG.EdDSA));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  void everyAsymmetricAlgorithmVerifiesWithAPemPublicKey(
      String name, SecureDigestAlgorithm<PrivateKey, PublicKey> alg) {
    KeyPair pair = keyPair(name, false);
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    gateway(
        JwtAuthenticator.builder()
            .publicKeyPem(pem)
            .algorithms(name)
            .audience(Tokens.AUDIENCE)
            .clock(clock)
            .build(),
        IdentityForwarding.builder().build());

    assertThat(get(Tokens.valid(clock).signWith(pair.getPrivate(), alg).compact()).status())
        .isEqualTo(200);
    KeyPair other = keyPair(name, true);
    assertThat(get(Tokens.valid(clock).signWith(other.getPrivate(), alg).compact()).status())
        .isEqualTo(401);
  }

  static KeyPair keyPair(String name, boolean other) {
    return switch (name) {
      case "RS256", "RS512", "PS256", "PS384" -> other ? TestKeys.RSA_OTHER : TestKeys.RSA;
      case "ES256" -> Jwts.SIG.ES256.keyPair().build();
      case "ES384" -> Jwts.SIG.ES384.keyPair().build();
      case "ES512" -> Jwts.SIG.ES512.keyPair().build();
      default -> Jwts.SIG.EdDSA.keyPair().build();
    };
  }

  @Test
  void hs384AndHs512AreAcceptedOnlyWhenListed() {
    byte[] secret = new byte[64];
    new java.security.SecureRandom().nextBytes(secret);
    gateway(
        JwtAuthenticator.builder()
            .secret(secret)
            .algorithms("HS512")
            .issuer(Tokens.ISSUER)
            .clock(clock)
            .build(),
        IdentityForwarding.builder().build());

    assertThat(
            get(Tokens.valid(clock)
                    .signWith(
                        new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA512"), Jwts.SIG.HS512)
                    .compact())
                .status())
        .isEqualTo(200);
    Exchange hs384 =
        get(
            Tokens.valid(clock)
                .signWith(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA384"), Jwts.SIG.HS384)
                .compact());
    assertThat(hs384.status()).isEqualTo(401);
    assertThat(hs384.problem().get("detail").asText()).contains("algorithm");
  }

  @Test
  void tokenIsReadFromACookieOrQueryParameterOnlyWhenConfigured() throws Exception {
    String token =
        Tokens.valid(clock)
            .signWith(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"))
            .compact();
    gateway(hs256().build(), IdentityForwarding.builder().build());
    assertThat(
            Exchange.send(
                    gateway,
                    Request.builder()
                        .target("/orders/1")
                        .header("Cookie", "session=" + token)
                        .build())
                .status())
        .isEqualTo(401);
    assertThat(
            Exchange.send(gateway, Request.of("GET", "/orders/1?access_token=" + token)).status())
        .isEqualTo(401);
    gateway.close();

    gateway(
        hs256().tokenFromCookie("session").tokenFromQueryParameter("access_token").build(),
        IdentityForwarding.builder().build());
    assertThat(
            Exchange.send(
                    gateway,
                    Request.builder()
                        .target("/orders/1")
                        .header("Cookie", "theme=dark; session=" + token)
                        .build())
                .status())
        .isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id")).isEqualTo("alice");
    assertThat(
            Exchange.send(gateway, Request.of("GET", "/orders/1?access_token=" + token)).status())
        .isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id")).isEqualTo("alice");
  }

  @Test
  void misconfigurationsAreRefusedWhenBuilding() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JwtAuthenticator.builder().secret(SECRET).build())
        .hasMessageContaining("algorithms");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                JwtAuthenticator.builder()
                    .publicKey(TestKeys.RSA.getPublic())
                    .algorithms("HS256", "RS256")
                    .build())
        .hasMessageContaining("algorithm confusion");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JwtAuthenticator.builder().algorithms("none").build())
        .isInstanceOf(dev.frontdesk.gateway.GatewayConfigException.class)
        .hasMessageContaining("'none' is not one of");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JwtAuthenticator.builder().secret(new byte[16]).build())
        .isInstanceOf(dev.frontdesk.gateway.GatewayConfigException.class)
        .hasMessageContaining("JwtAuthenticator: secret must be at least 32 bytes (256 bits): 16");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JwtAuthenticator.builder().algorithms("RS256").build())
        .hasMessageContaining("exactly one key source");
  }
}
