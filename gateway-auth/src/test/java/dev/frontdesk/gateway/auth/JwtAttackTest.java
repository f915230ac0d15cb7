package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The classic attacks on JWT validation: each gets a clean 401 and never reaches the upstream. */
class JwtAttackTest {
  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk("from upstream");
  final JwksServer jwks = new JwksServer();
  final JwksServer attackerJwks = new JwksServer();
  Gateway gateway;

  @BeforeEach
  void start() {
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic()));
    attackerJwks.keys(
        Map.of("k1", TestKeys.RSA_OTHER.getPublic(), "attacker", TestKeys.RSA_OTHER.getPublic()));
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .jwksUrl(jwks.url())
            .algorithms("RS256")
            .issuer(Tokens.ISSUER)
            .audience(Tokens.AUDIENCE)
            .clock(clock)
            .realm("api")
            .build();
    gateway =
        Gateway.builder()
            .route(
                "api",
                r ->
                    r.path("/api/**")
                        .use(Authentication.required(jwt))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build();
  }

  @AfterEach
  void close() {
    gateway.close();
    jwks.close();
    attackerJwks.close();
    upstream.close();
  }

  Exchange call(String authorization) {
    return Exchange.send(
        gateway, Request.builder().target("/api/x").header("Authorization", authorization).build());
  }

  Exchange rejected(String authorization) {
    Exchange reply = call(authorization);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.header("WWW-Authenticate"))
        .startsWith("Bearer realm=\"api\", error=\"invalid_token\"");
    assertThat(upstream.getRequestCount()).isZero();
    return reply;
  }

  String valid() {
    return Tokens.signed(clock, TestKeys.RSA.getPrivate(), "k1");
  }

  @Test
  void theGenuineTokenPasses() {
    assertThat(call("Bearer " + valid()).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void algNoneIsRejectedInAnyCase(String alg) {
    String unsigned =
        Tokens.b64("{\"alg\":\"" + alg + "\",\"kid\":\"k1\"}")
            + "."
            + Tokens.b64(Tokens.payload(clock))
            + ".";

    rejected("Bearer " + unsigned);
    rejected("Bearer " + unsigned.substring(0, unsigned.length() - 1));
  }

  @Test
  void hs256SignedWithTheRsaPublicKeyIsRejected() {
    byte[] der = TestKeys.RSA.getPublic().getEncoded();
    byte[] pem =
        ("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n")
            .getBytes(StandardCharsets.US_ASCII);
    String header = "{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}";

    Exchange withDer = rejected("Bearer " + Tokens.hmacSigned(header, Tokens.payload(clock), der));
    rejected("Bearer " + Tokens.hmacSigned(header, Tokens.payload(clock), pem));

    assertThat(withDer.problem().get("detail").asText())
        .isEqualTo("the token is not a signed JWT with an accepted algorithm");
  }

  @Test
  void aStrippedOrSwappedSignatureIsRejected() {
    String token = valid();
    String[] parts = token.split("\\.");
    String forged = Tokens.b64(Tokens.payload(clock));

    rejected("Bearer " + parts[0] + "." + parts[1] + ".");
    rejected("Bearer " + parts[0] + "." + parts[1]);
    Exchange swapped = rejected("Bearer " + parts[0] + "." + forged + "." + parts[2]);
    assertThat(swapped.problem().get("detail").asText())
        .isEqualTo("the token's signature is invalid");
  }

  @Test
  void aTokenSignedByAnotherKeyUnderTheRightKidIsRejected() {
    rejected("Bearer " + Tokens.signed(clock, TestKeys.RSA_OTHER.getPrivate(), "k1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../../etc/passwd",
        "k1/../k1",
        "http://evil.test/jwks",
        "k1%2F..%2Fadmin",
        "k1\\..",
        "?x=1#"
      })
  void aKidWithPathCharactersIsOnlyAMapLookup(String kid) {
    Exchange reply = rejected("Bearer " + Tokens.signed(clock, TestKeys.RSA.getPrivate(), kid));

    assertThat(reply.problem().get("detail").asText()).isEqualTo("the token's key id is not known");
    assertThat(jwks.targets).isNotEmpty().allMatch("/jwks.json"::equals);
  }

  @Test
  void jkuX5uAndEmbeddedJwkHeadersAreIgnored() {
    URI elsewhere = URI.create(attackerJwks.url());
    String withJku =
        Tokens.valid(clock)
            .header()
            .keyId("attacker")
            .jwkSetUrl(elsewhere)
            .x509Url(elsewhere)
            .and()
            .signWith(TestKeys.RSA_OTHER.getPrivate())
            .compact();
    String withJkuKnownKid =
        Tokens.valid(clock)
            .header()
            .keyId("k1")
            .jwkSetUrl(elsewhere)
            .and()
            .signWith(TestKeys.RSA_OTHER.getPrivate())
            .compact();
    String withJwk =
        Tokens.valid(clock)
            .header()
            .keyId("k1")
            .jwk(Jwks.builder().key(TestKeys.RSA_OTHER.getPublic()).build())
            .and()
            .signWith(TestKeys.RSA_OTHER.getPrivate())
            .compact();

    rejected("Bearer " + withJku);
    rejected("Bearer " + withJkuKnownKid);
    rejected("Bearer " + withJwk);

    assertThat(attackerJwks.fetches()).isZero();
  }

  /**
   * RFC 7515 §4.1.11: a JWS whose {@code crit} names an extension the recipient does not understand
   * must be rejected. It is, and the client is told that, not that its algorithm was refused; the
   * detail is a fixed phrase, so nothing the token carries is echoed.
   */
  @Test
  void anUnsupportedCriticalHeaderIsRefusedAsSuch() {
    String token =
        Tokens.valid(clock)
            .header()
            .keyId("k1")
            .add("x-evil\"ext", "1")
            .critical()
            .add("x-evil\"ext")
            .and()
            .and()
            .signWith(TestKeys.RSA.getPrivate())
            .compact();

    Exchange reply = rejected("Bearer " + token);

    String detail = "the token's 'crit' header names an extension the gateway does not support";
    assertThat(reply.problem().get("detail").asText()).isEqualTo(detail);
    assertThat(reply.header("WWW-Authenticate"))
        .isEqualTo(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"" + detail + "\"");
    assertThat(reply.body()).doesNotContain("x-evil");
  }

  static Stream<Arguments> malformed() {
    String header = Tokens.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}");
    String payload = Tokens.b64("{\"sub\":\"x\"}");
    return Stream.of(
        Arguments.of("garbage", "garbage"),
        Arguments.of("100 KB token", "a".repeat(100 * 1024)),
        Arguments.of("bad base64", header + ".!!!not-base64!!!." + "c2ln"),
        Arguments.of("base64 of non-JSON header", Tokens.b64("not json") + "." + payload + ".c2ln"),
        Arguments.of("JSON array header", Tokens.b64("[1,2]") + "." + payload + ".c2ln"),
        Arguments.of("one segment", header),
        Arguments.of("two segments", header + "." + payload),
        Arguments.of("four segments", header + "." + payload + ".c2ln.c2ln"),
        Arguments.of("five segments (JWE shape)", header + "." + payload + ".a.b.c"),
        Arguments.of("empty segments", ".."),
        Arguments.of("unicode", "\u00e9\u00e9.\u00e9\u00e9.\u00e9\u00e9"),
        Arguments.of("signature of the wrong length", header + "." + payload + ".AAAA"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedTokensGetACleanUnauthorized(String name, String token) {
    Exchange reply = rejected("Bearer " + token);

    assertThat(reply.body())
        .doesNotContain("Exception")
        .doesNotContain(token.length() > 8 ? token : "\u0000");
  }

  @Test
  void twoAuthorizationHeadersAreRejectedEvenWhenBothAreValid() {
    String token = valid();
    Exchange reply =
        Exchange.send(
            gateway,
            Request.builder()
                .target("/api/x")
                .addHeader("Authorization", "Bearer " + token)
                .addHeader("Authorization", "Bearer " + token)
                .build());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.problem().get("detail").asText())
        .isEqualTo("the request has more than one Authorization header");
    assertThat(upstream.getRequestCount()).isZero();
  }

  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of("bearer %s", 200), // RFC 9110 §11.1: the scheme is case-insensitive
        Arguments.of("BEARER %s", 200),
        Arguments.of("Bearer    %s", 200), // 1*SP
        Arguments.of("Bearer", 401),
        Arguments.of("Bearer ", 401),
        Arguments.of("Bearer\t%s", 401),
        Arguments.of("Bearer %s extra", 401),
        Arguments.of("Bearer %s,%s", 401),
        Arguments.of("Bearer,%s", 401),
        Arguments.of("Bearer \"%s\"", 401),
        Arguments.of("Basic dXNlcjpwYXNz", 401),
        Arguments.of("%s", 401));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("spellings")
  void bearerSpellingsAreReadStrictly(String template, int status) {
    String token = valid();
    Exchange reply = call(template.replace("%s", token));

    assertThat(reply.status()).isEqualTo(status);
    assertThat(upstream.getRequestCount()).isEqualTo(status == 200 ? 1 : 0);
    if (status == 401) {
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=\"api\"");
    }
  }

  @Test
  void theAnswerNeverEchoesTheToken() {
    String expired =
        Tokens.valid(clock)
            .expiration(java.util.Date.from(clock.instant().minusSeconds(3600)))
            .header()
            .keyId("k1")
            .and()
            .signWith(TestKeys.RSA.getPrivate(), Jwts.SIG.RS256)
            .compact();

    Exchange reply = rejected("Bearer " + expired);

    assertThat(reply.body()).doesNotContain(expired).doesNotContain(expired.split("\\.")[1]);
    assertThat(reply.header("WWW-Authenticate")).doesNotContain(expired.split("\\.")[1]);
  }
}
