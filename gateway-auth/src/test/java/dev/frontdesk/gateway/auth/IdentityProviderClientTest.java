package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JWKS fetches and introspection calls go through the gateway's one HTTP client, never one of their
 * own.
 */
class IdentityProviderClientTest {
  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk("from upstream");
  final JwksServer jwks = new JwksServer();
  final MockWebServer idp = new MockWebServer();

  /** What the user's OkHttp client was asked to fetch, by path. */
  final List<String> seenByUsersClient = new CopyOnWriteArrayList<>();

  final OkHttpClient usersClient =
      new OkHttpClient.Builder()
          .addInterceptor(
              chain -> {
                seenByUsersClient.add(
                    chain.request().method() + " " + chain.request().url().encodedPath());
                return chain.proceed(chain.request());
              })
          .build();

  @AfterEach
  void close() {
    jwks.close();
    idp.close();
    upstream.close();
  }

  Exchange call(Gateway gateway, String path, String token) {
    return Exchange.send(
        gateway, Request.builder().target(path).header("Authorization", "Bearer " + token).build());
  }

  @Test
  void theJwksIsFetchedThroughTheOkHttpClientHandedToTheGateway() throws InterruptedException {
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic()));
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .jwksUrl(jwks.url())
            .algorithms("RS256")
            .issuer(Tokens.ISSUER)
            .clock(clock)
            .build();
    try (Gateway gateway =
        Gateway.builder()
            .httpClient(usersClient)
            .route(
                "api",
                r ->
                    r.path("/api/**")
                        .use(Authentication.required(jwt))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build()) {
      Exchange answer =
          call(gateway, "/api/x", Tokens.signed(clock, TestKeys.RSA.getPrivate(), "k1"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(TestUpstreams.take(upstream).getTarget()).isEqualTo("/api/x");
      assertThat(jwks.fetches()).isEqualTo(1);
      assertThat(seenByUsersClient)
          .as("the key set, then the proxied request, both through the user's client")
          .containsExactly("GET /jwks.json", "GET /api/x");
    }
  }

  @Test
  void introspectionGoesThroughTheOkHttpClientHandedToTheGateway()
      throws IOException, InterruptedException {
    idp.start();
    idp.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(
                "{\"active\":true,\"sub\":\"bob\",\"exp\":"
                    + (clock.instant().getEpochSecond() + 3600)
                    + "}")
            .build());
    IntrospectionAuthenticator opaque =
        IntrospectionAuthenticator.builder(idp.url("/oauth2/introspect").toString())
            .clientCredentials("gateway", "secret")
            .clock(clock)
            .build();
    try (Gateway gateway =
        Gateway.builder()
            .httpClient(usersClient)
            .route(
                "api",
                r ->
                    r.path("/api/**")
                        .use(Authentication.required(opaque))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build()) {
      assertThat(call(gateway, "/api/y", "opaque-token").status()).isEqualTo(200);

      RecordedRequest asked = idp.takeRequest(5, TimeUnit.SECONDS);
      assertThat(asked.getMethod()).isEqualTo("POST");
      assertThat(asked.getBody().utf8())
          .isEqualTo("token=opaque-token&token_type_hint=access_token");
      assertThat(TestUpstreams.take(upstream).getTarget()).isEqualTo("/api/y");
      assertThat(seenByUsersClient).containsExactly("POST /oauth2/introspect", "GET /api/y");
    }
  }

  @Test
  void anAuthenticatorKeptByANewGatewayUsesTheNewGatewaysClient() throws InterruptedException {
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic()));
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .jwksUrl(jwks.url())
            .algorithms("RS256")
            .issuer(Tokens.ISSUER)
            .clock(clock)
            .cacheSize(0)
            .build();
    Gateway first =
        Gateway.builder()
            .route(
                "api",
                r ->
                    r.path("/api/**")
                        .use(Authentication.required(jwt))
                        .proxyTo(TestUpstreams.baseUrl(upstream)))
            .build();
    try (Gateway second = first.newBuilder().httpClient(usersClient).build()) {
      first.close(); // its own client is gone; the authenticator now holds the second gateway's

      assertThat(
              call(second, "/api/z", Tokens.signed(clock, TestKeys.RSA.getPrivate(), "k1"))
                  .status())
          .isEqualTo(200);
      assertThat(TestUpstreams.take(upstream).getTarget()).isEqualTo("/api/z");
      assertThat(seenByUsersClient).containsExactly("GET /jwks.json", "GET /api/z");
    }
  }

  @Test
  void anAuthenticatorOnNoBuiltGatewayCannotReachItsIdentityProvider() {
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic()));
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .jwksUrl(jwks.url())
            .algorithms("RS256")
            .issuer(Tokens.ISSUER)
            .clock(clock)
            .build();
    Request request =
        Request.builder()
            .target("/api/x")
            .header(
                "Authorization", "Bearer " + Tokens.signed(clock, TestKeys.RSA.getPrivate(), "k1"))
            .build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jwt.authenticate(request))
        .isInstanceOf(dev.frontdesk.gateway.GatewayException.class)
        .satisfies(
            e -> assertThat(((dev.frontdesk.gateway.GatewayException) e).status()).isEqualTo(503));
    assertThat(jwks.fetches()).isZero();
  }
}
