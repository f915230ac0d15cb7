package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
  static final String ACME_KEY = "k-acme-7f3a9c1e5b2d4e6f";
  static final String CI_KEY = "k-ci-0123456789abcdef";

  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk("from upstream");
  Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    String ciDigest =
        HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(CI_KEY.getBytes(StandardCharsets.UTF_8)));
    InMemoryApiKeyStore store =
        InMemoryApiKeyStore.builder()
            .key(ACME_KEY, ApiConsumer.of("acme", "ACME Corp", Set.of("gold")))
            .keyDigest(ciDigest, ApiConsumer.of("ci"))
            .build();
    ApiKeyAuthenticator apiKeys =
        ApiKeyAuthenticator.builder(store).queryParameter("api_key").build();
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .secret(JwtAuthenticatorTest.SECRET)
            .algorithms("HS256")
            .issuer(Tokens.ISSUER)
            .clock(clock)
            .build();
    IdentityForwarding forwarding = IdentityForwarding.builder().groupsHeader("X-Groups").build();
    gateway =
        Gateway.builder()
            .use(forwarding.stripClientHeaders())
            .route(
                "partners",
                r ->
                    r.path("/partners/**")
                        .use(
                            Authentication.required(apiKeys),
                            forwarding.forward(),
                            Middlewares.removeRequestHeader("X-Api-Key"))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "either",
                r ->
                    r.path("/either/**")
                        .use(Authentication.required(jwt, apiKeys), forwarding.forward())
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build();
  }

  @AfterEach
  void close() {
    gateway.close();
    upstream.close();
  }

  Exchange send(Request.Builder request) {
    return Exchange.send(gateway, request.build());
  }

  @Test
  void aKnownKeyInTheHeaderReachesUpstreamAsItsConsumer() throws Exception {
    Exchange reply =
        send(Request.builder().target("/partners/orders").header("X-Api-Key", ACME_KEY));

    assertThat(reply.status()).isEqualTo(200);
    RecordedRequest received = TestUpstreams.take(upstream);
    assertThat(received.getHeaders().get("X-User-Id")).isEqualTo("acme");
    assertThat(received.getHeaders().get("X-Consumer-Id")).isEqualTo("acme");
    assertThat(received.getHeaders().get("X-Groups")).isEqualTo("gold");
    assertThat(received.getHeaders().get("X-Api-Key")).isNull();
  }

  @Test
  void aKeyConfiguredOnlyByItsDigestWorks() throws Exception {
    assertThat(send(Request.builder().target("/partners/x").header("X-Api-Key", CI_KEY)).status())
        .isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-Consumer-Id")).isEqualTo("ci");
  }

  @Test
  void aKeyInTheQueryIsAcceptedWhenConfigured() throws Exception {
    assertThat(send(Request.builder().target("/partners/x?api_key=" + ACME_KEY)).status())
        .isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id")).isEqualTo("acme");
  }

  @Test
  void anUnknownKeyIs401WithAnApiKeyChallenge() {
    Exchange reply =
        send(Request.builder().target("/partners/x").header("X-Api-Key", ACME_KEY + "x"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate"))
        .isEqualTo("ApiKey realm=\"api\", header=\"X-Api-Key\"");
    assertThat(reply.problem().get("detail").asText()).isEqualTo("the API key is not valid");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void twoKeyHeadersAndOverlongKeysAreRejected() {
    assertThat(
            send(Request.builder()
                    .target("/partners/x")
                    .addHeader("X-Api-Key", ACME_KEY)
                    .addHeader("X-Api-Key", CI_KEY))
                .status())
        .isEqualTo(401);
    assertThat(
            send(Request.builder().target("/partners/x").header("X-Api-Key", "k".repeat(100_000)))
                .status())
        .isEqualTo(401);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aRouteWithJwtOrApiKeyAcceptsEitherAndChallengesForBoth() throws Exception {
    String token =
        Tokens.valid(clock)
            .signWith(new SecretKeySpec(JwtAuthenticatorTest.SECRET, "HmacSHA256"))
            .compact();

    assertThat(
            send(Request.builder().target("/either/x").header("Authorization", "Bearer " + token))
                .status())
        .isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id")).isEqualTo("alice");
    assertThat(send(Request.builder().target("/either/x").header("X-Api-Key", ACME_KEY)).status())
        .isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id")).isEqualTo("acme");

    Exchange none = send(Request.builder().target("/either/x"));
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.headers().values("WWW-Authenticate"))
        .containsExactly("Bearer", "ApiKey realm=\"api\", header=\"X-Api-Key\"");
  }

  @Test
  void anInvalidTokenIsNotRescuedByAValidKey() {
    Exchange reply =
        send(
            Request.builder()
                .target("/either/x")
                .header("Authorization", "Bearer not.a.token")
                .header("X-Api-Key", ACME_KEY));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void theStoreRefusesShortAndDuplicateKeys() {
    assertThatThrownBy(
            () ->
                InMemoryApiKeyStore.builder()
                    .key("short", ApiConsumer.of("x"))
                    .key(ACME_KEY, ApiConsumer.of("a"))
                    .key(ACME_KEY, ApiConsumer.of("b"))
                    .keyDigest("abc", ApiConsumer.of("c"))
                    .build())
        .isInstanceOfSatisfying(
            dev.frontdesk.gateway.GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "InMemoryApiKeyStore: key must be at least 16 characters: guessable keys are no keys",
                        "InMemoryApiKeyStore: the same key is added twice (consumer b)",
                        "InMemoryApiKeyStore: sha256Hex must be 64 hex characters: 3"));
  }

  @Test
  void theStoreHoldsNoKeyInClear() throws Exception {
    InMemoryApiKeyStore store =
        InMemoryApiKeyStore.builder().key(ACME_KEY, ApiConsumer.of("acme")).build();
    for (var field : InMemoryApiKeyStore.class.getDeclaredFields()) {
      field.setAccessible(true);
      assertThat(String.valueOf(field.get(store))).doesNotContain(ACME_KEY);
    }
    assertThat(
            store.findBySha256(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ACME_KEY.getBytes(StandardCharsets.UTF_8))))
        .isNotNull();
  }
}
