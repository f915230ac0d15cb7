package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityForwardingTest {
  static final byte[] SIGNING_KEY =
      "test-only-identity-signing-key-32+bytes".getBytes(StandardCharsets.UTF_8);

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
    IdentityForwarding forwarding =
        IdentityForwarding.builder()
            .subjectHeader("X-Auth-User")
            .groupsHeader("X-Groups")
            .claimHeader("email", "X-User-Email")
            .claimHeader("tenants", "X-Tenants")
            .signWith(SIGNING_KEY)
            .clock(clock)
            .build();
    gateway =
        Gateway.builder()
            .use(forwarding.stripClientHeaders())
            .route("public", r -> r.path("/public/**").proxyTo(TestUpstreams.baseUrl(upstream)))
            .route(
                "private",
                r ->
                    r.path("/private/**")
                        .use(Authentication.required(jwt), forwarding.forward())
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build();
  }

  @AfterEach
  void close() {
    gateway.close();
    upstream.close();
  }

  String token(String subject) {
    return Tokens.valid(clock)
        .subject(subject)
        .claim("email", "alice@example.com")
        .claim("tenants", java.util.List.of("a", "b"))
        .signWith(new SecretKeySpec(JwtAuthenticatorTest.SECRET, "HmacSHA256"))
        .compact();
  }

  static Map<String, String> headers(RecordedRequest request) {
    Map<String, String> map = new HashMap<>();
    request
        .getHeaders()
        .forEach(p -> map.put(p.getFirst().toLowerCase(Locale.ROOT), p.getSecond()));
    return map;
  }

  IdentityHeaderVerifier verifier() {
    return IdentityHeaderVerifier.builder(SIGNING_KEY)
        .clock(clock)
        .maxAge(Duration.ofSeconds(60))
        .build();
  }

  @Test
  void clientCopiesOfIdentityHeadersAreRemovedOnUnauthenticatedRoutesToo() throws Exception {
    Exchange reply =
        Exchange.send(
            gateway,
            Request.builder()
                .target("/public/x")
                .header("X-Auth-User", "admin")
                .header("x-user-email", "ceo@example.com")
                .header("X-Identity-Signature", "v1;t=0;rid=x;h=;sig=x")
                .header("X-Other", "kept")
                .build());

    assertThat(reply.status()).isEqualTo(200);
    RecordedRequest received = TestUpstreams.take(upstream);
    assertThat(received.getHeaders().get("X-Auth-User")).isNull();
    assertThat(received.getHeaders().get("X-User-Email")).isNull();
    assertThat(received.getHeaders().get("X-Identity-Signature")).isNull();
    assertThat(received.getHeaders().get("X-Other")).isEqualTo("kept");
  }

  @Test
  void signedIdentityHeadersVerifyAtTheBackend() throws Exception {
    Exchange reply =
        Exchange.send(
            gateway,
            Request.builder()
                .target("/private/x")
                .header("Authorization", "Bearer " + token("alice"))
                .header("X-Auth-User", "admin")
                .build());

    assertThat(reply.status()).isEqualTo(200);
    Map<String, String> received = headers(TestUpstreams.take(upstream));
    assertThat(received)
        .containsEntry("x-auth-user", "alice")
        .containsEntry("x-user-email", "alice@example.com")
        .containsEntry("x-tenants", "a,b")
        .doesNotContainKey("authorization");
    IdentityHeaderVerifier.Verified verified =
        verifier().verify(n -> received.get(n.toLowerCase(Locale.ROOT)));
    assertThat(verified.header("X-Auth-User")).isEqualTo("alice");
    assertThat(verified.requestId()).isEqualTo(received.get("x-request-id"));
    assertThat(verified.issuedAt())
        .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void theVerifierRejectsTamperedMissingAddedOrStaleHeaders() throws Exception {
    Exchange.send(
        gateway,
        Request.builder()
            .target("/private/x")
            .header("Authorization", "Bearer " + token("alice"))
            .build());
    Map<String, String> received = headers(TestUpstreams.take(upstream));

    Map<String, String> tampered = new HashMap<>(received);
    tampered.put("x-auth-user", "admin");
    assertThatThrownBy(() -> verifier().verify(n -> tampered.get(n.toLowerCase(Locale.ROOT))))
        .hasMessage("the identity signature does not match the headers");
    Map<String, String> unsigned = new HashMap<>(received);
    unsigned.remove("x-identity-signature");
    assertThatThrownBy(() -> verifier().verify(n -> unsigned.get(n.toLowerCase(Locale.ROOT))))
        .hasMessage("no X-Identity-Signature header");
    Map<String, String> dropped = new HashMap<>(received);
    dropped.remove("x-user-email");
    assertThatThrownBy(() -> verifier().verify(n -> dropped.get(n.toLowerCase(Locale.ROOT))))
        .hasMessage("the identity signature does not match the headers");
    assertThatThrownBy(
            () ->
                IdentityHeaderVerifier.builder(
                        "another-key-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8))
                    .clock(clock)
                    .build()
                    .verify(n -> received.get(n.toLowerCase(Locale.ROOT))))
        .hasMessage("the identity signature does not match the headers");

    clock.advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> verifier().verify(n -> received.get(n.toLowerCase(Locale.ROOT))))
        .hasMessage("the identity signature is 61 s old; at most 60 s is accepted");
  }

  @Test
  void nonAsciiIdentitiesArePercentEncoded() throws Exception {
    Exchange reply =
        Exchange.send(
            gateway,
            Request.builder()
                .target("/private/x")
                .header("Authorization", "Bearer " + token("Zoë\r\nX-Injected: 1"))
                .build());

    assertThat(reply.status()).isEqualTo(200);
    RecordedRequest received = TestUpstreams.take(upstream);
    assertThat(received.getHeaders().get("X-Auth-User")).isEqualTo("Zo%C3%AB%0D%0AX-Injected: 1");
    assertThat(received.getHeaders().get("X-Injected")).isNull();
  }

  @Test
  void aSubjectWithOuterSpacesCannotPassForAnotherAndStillVerifies() throws Exception {
    Exchange reply =
        Exchange.send(
            gateway,
            Request.builder()
                .target("/private/x")
                .header("Authorization", "Bearer " + token(" admin "))
                .build());

    assertThat(reply.status()).isEqualTo(200);
    Map<String, String> received = headers(TestUpstreams.take(upstream));
    // RFC 9110 §5.5: whitespace around a field value is not part of it, so sent as is the backend
    // would read "admin"
    assertThat(received).containsEntry("x-auth-user", "%20admin%20");
    assertThat(
            verifier().verify(n -> received.get(n.toLowerCase(Locale.ROOT))).header("X-Auth-User"))
        .isEqualTo("%20admin%20");
  }

  @Test
  void aSeparatorInsideOneListElementIsPercentEncodedAndStillVerifies() throws Exception {
    String token =
        Tokens.valid(clock)
            .claim("scope", "orders:read")
            .claim("scp", java.util.List.of("orders:write orders:admin"))
            .claim("groups", java.util.List.of("Domain Admins", "ops"))
            .claim("tenants", java.util.List.of("a,b", "c"))
            .signWith(new SecretKeySpec(JwtAuthenticatorTest.SECRET, "HmacSHA256"))
            .compact();

    Exchange reply =
        Exchange.send(
            gateway,
            Request.builder()
                .target("/private/x")
                .header("Authorization", "Bearer " + token)
                .build());

    assertThat(reply.status()).isEqualTo(200);
    Map<String, String> received = headers(TestUpstreams.take(upstream));
    // one odd scope, which scopes("orders:write") refuses: it must not read as two to the backend
    assertThat(received)
        .containsEntry("x-scopes", "orders:read orders:write%20orders:admin")
        .containsEntry("x-groups", "Domain%20Admins ops")
        .containsEntry("x-tenants", "a%2Cb,c");
    IdentityHeaderVerifier.Verified verified =
        verifier().verify(n -> received.get(n.toLowerCase(Locale.ROOT)));
    assertThat(verified.header("X-Scopes")).isEqualTo("orders:read orders:write%20orders:admin");
    assertThat(verified.header("X-Groups")).isEqualTo("Domain%20Admins ops");
    assertThat(verified.header("X-Tenants")).isEqualTo("a%2Cb,c");
  }

  @Test
  void badHeaderNamesAndAShortKeyAreAllListedByBuild() {
    IdentityForwarding.Builder builder =
        IdentityForwarding.builder()
            .subjectHeader("X User")
            .claimHeader("email", "X:Mail")
            .signWith(new byte[8]); // recorded, not thrown

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            dev.frontdesk.gateway.GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .allSatisfy(p -> assertThat(p).startsWith("identityForwarding: "))
                    .last()
                    .isEqualTo("identityForwarding: hmacKey must be at least 32 bytes: 8"));
  }
}
