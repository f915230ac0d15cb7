package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.jsonwebtoken.JwtBuilder;
import java.time.Duration;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The safe defaults: tokens must expire, and someone must be checked to have issued them for us.
 */
class JwtDefaultsTest {
  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk();
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
        .secret(JwtAuthenticatorTest.SECRET)
        .algorithms("HS256")
        .clock(clock)
        .realm("api");
  }

  Response send(JwtAuthenticator jwt, JwtBuilder token) throws Exception {
    gateway = TestUpstreams.proxyAll(upstream, b -> b.use(Authentication.required(jwt)));
    String compact =
        token.signWith(new SecretKeySpec(JwtAuthenticatorTest.SECRET, "HmacSHA256")).compact();
    return gateway.handle(
        Request.builder().target("/orders/7").header("Authorization", "Bearer " + compact).build());
  }

  @Test
  void aTokenWithoutExpiryIs401ByDefault() throws Exception {
    Response response =
        send(hs256().issuer(Tokens.ISSUER).build(), Tokens.valid(clock).expiration(null));

    assertThat(response.header("WWW-Authenticate"))
        .isEqualTo(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"the token has no expiry time ('exp' claim)\"");
    assertThat(TestUpstreams.problem(response, 401).path("detail").asText())
        .isEqualTo("the token has no expiry time ('exp' claim)");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void allowTokensWithoutExpiryLetsThemThrough() throws Exception {
    JwtAuthenticator jwt = hs256().issuer(Tokens.ISSUER).allowTokensWithoutExpiry().build();

    assertThat(TestUpstreams.status(send(jwt, Tokens.valid(clock).expiration(null))))
        .isEqualTo(200);
  }

  @Test
  void acceptAnyIssuerAndAudienceLetsTokensFromAnywhereThrough() throws Exception {
    JwtAuthenticator jwt = hs256().acceptAnyIssuerAndAudience().build();

    JwtBuilder foreign =
        Tokens.valid(clock)
            .issuer("https://elsewhere.test/")
            .audience()
            .clear()
            .add("other-api")
            .and();
    assertThat(TestUpstreams.status(send(jwt, foreign))).isEqualTo(200);
  }

  @Test
  void anIssuerOrAnAudienceAloneIsEnough() {
    assertThat(hs256().issuer(Tokens.ISSUER).build()).isNotNull();
    assertThat(hs256().audience(Tokens.AUDIENCE).build()).isNotNull();
  }

  @Test
  void neitherIssuerNorAudienceFailsAtBuild() {
    assertThatThrownBy(() -> hs256().build())
        .isInstanceOf(GatewayConfigException.class)
        .extracting(e -> ((GatewayConfigException) e).problems())
        .isEqualTo(
            List.of(
                "JwtAuthenticator (realm \"api\"): neither issuer(...) nor audience(...) is set, so a token from"
                    + " any issuer for any audience would pass; set at least one, or call acceptAnyIssuerAndAudience()"));
  }

  @Test
  void acceptAnyIssuerAndAudienceWithAnIssuerIsAContradiction() {
    assertThatThrownBy(
            () ->
                JwtAuthenticator.builder()
                    .secret(JwtAuthenticatorTest.SECRET)
                    .algorithms("HS256")
                    .issuer(Tokens.ISSUER)
                    .acceptAnyIssuerAndAudience()
                    .build())
        .isInstanceOf(GatewayConfigException.class)
        .extracting(e -> ((GatewayConfigException) e).problems())
        .isEqualTo(
            List.of(
                "JwtAuthenticator: acceptAnyIssuerAndAudience() contradicts issuer(...)/audience(...): choose one"));
  }

  @Test
  void everyProblemIsListedAtOnce() {
    assertThatThrownBy(() -> JwtAuthenticator.builder().build())
        .isInstanceOf(GatewayConfigException.class)
        .extracting(e -> ((GatewayConfigException) e).problems())
        .isEqualTo(
            List.of(
                "JwtAuthenticator: exactly one key source is required: secret, publicKey(s) or jwksUrl; found 0",
                "JwtAuthenticator: algorithms: list the accepted algorithms, such as algorithms(\"RS256\")",
                "JwtAuthenticator: neither issuer(...) nor audience(...) is set, so a token from any issuer for any audience would pass;"
                    + " set at least one, or call acceptAnyIssuerAndAudience()"));
  }

  @Test
  void setterMistakesAreRecordedAndListedByBuildWithTheRest() {
    JwtAuthenticator.Builder builder =
        JwtAuthenticator.builder()
            .secret(new byte[16]) // recorded, not thrown
            .algorithms("HS256", "none")
            .clockSkew(Duration.ofMinutes(10))
            .maxTokenLength(8)
            .cacheCap(Duration.ZERO)
            .issuer(Tokens.ISSUER);

    assertThatThrownBy(builder::build)
        .isInstanceOf(GatewayConfigException.class)
        .extracting(e -> ((GatewayConfigException) e).problems())
        .isEqualTo(
            List.of(
                "JwtAuthenticator: secret must be at least 32 bytes (256 bits): 16",
                "JwtAuthenticator: algorithms: 'none' is not one of HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA",
                "JwtAuthenticator: clockSkew must be 0 to 5 minutes: PT10M",
                "JwtAuthenticator: maxTokenLength must be at least 16: 8",
                "JwtAuthenticator: cacheCap must be positive: PT0S",
                "JwtAuthenticator: exactly one key source is required: secret, publicKey(s) or jwksUrl; found 0"));
  }
}
