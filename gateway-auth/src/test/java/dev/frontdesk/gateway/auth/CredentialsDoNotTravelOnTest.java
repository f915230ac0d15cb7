package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JWT read from a cookie or a query parameter, and an API key read from a query parameter, are
 * removed from what the upstream receives once the request is authenticated; everything else in the
 * Cookie header and the query reaches it as the client sent it.
 */
class CredentialsDoNotTravelOnTest {
  static final String API_KEY = "k-acme-7f3a9c1e5b2d4e6f";

  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final String token =
      Tokens.valid(clock)
          .signWith(new SecretKeySpec(JwtAuthenticatorTest.SECRET, "HmacSHA256"))
          .compact();
  final MockWebServer upstream = TestUpstreams.alwaysOk();
  Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
    upstream.close();
  }

  JwtAuthenticator.Builder jwt() {
    return JwtAuthenticator.builder()
        .secret(JwtAuthenticatorTest.SECRET)
        .algorithms("HS256")
        .issuer(Tokens.ISSUER)
        .clock(clock)
        .tokenFromCookie("session")
        .tokenFromQueryParameter("access_token");
  }

  ApiKeyAuthenticator.Builder apiKeys() {
    return ApiKeyAuthenticator.builder(
            InMemoryApiKeyStore.builder()
                .key(API_KEY, ApiConsumer.of("acme", "ACME Corp", Set.of("gold")))
                .build())
        .queryParameter("api_key");
  }

  /**
   * Sends the request through a gateway whose one route requires these authenticators; returns what
   * the upstream got.
   */
  RecordedRequest forwarded(Request request, Authenticator... authenticators) throws Exception {
    gateway = TestUpstreams.proxyAll(upstream, b -> b.use(Authentication.required(authenticators)));
    assertThat(TestUpstreams.status(gateway.handle(request))).isEqualTo(200);
    return TestUpstreams.take(upstream);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      theme=dark; session=TOKEN; lang=en   | theme=dark; lang=en
      session=TOKEN;theme=dark             | theme=dark
      theme=dark;session=TOKEN             | theme=dark
      a=1; session=TOKEN; session=other; b | a=1; b
      """)
  void jwtCookieIsRemovedAndOtherCookiesStay(String cookie, String expected) throws Exception {
    Request request =
        Request.builder()
            .target("/orders/7")
            .header("Cookie", cookie.replace("TOKEN", token))
            .build();

    RecordedRequest seen = forwarded(request, jwt().build());

    assertThat(seen.getHeaders().values("Cookie")).containsExactly(expected);
  }

  @Test
  void cookieHeaderHoldingOnlyTheTokenIsRemoved() throws Exception {
    RecordedRequest seen =
        forwarded(
            Request.builder().target("/orders/7").header("Cookie", "session=" + token).build(),
            jwt().build());

    assertThat(seen.getHeaders().values("Cookie")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      /orders/7?access_token=TOKEN                              | /orders/7
      /orders/7?a=%2F%20x&access_token=TOKEN&b=1+2&c&d=%7e      | /orders/7?a=%2F%20x&b=1+2&c&d=%7e
      /orders/7?access_token=TOKEN&q=caf%C3%A9&&q=%E2%82%AC     | /orders/7?q=caf%C3%A9&&q=%E2%82%AC
      /orders/7?access%5Ftoken=TOKEN&x=1                        | /orders/7?x=1
      /orders/7?access_token=TOKEN&access_token=again&x=1       | /orders/7?x=1
      """)
  void jwtQueryParameterIsRemovedAndTheRestKeepsItsBytes(String target, String expected)
      throws Exception {
    RecordedRequest seen =
        forwarded(Request.of("GET", target.replace("TOKEN", token)), jwt().build());

    assertThat(seen.getTarget()).isEqualTo(expected);
  }

  @Test
  void apiKeyQueryParameterIsRemovedAndTheRestKeepsItsBytes() throws Exception {
    RecordedRequest seen =
        forwarded(
            Request.of("GET", "/orders/7?page=2&api_key=" + API_KEY + "&sort=-date%2Cid"),
            apiKeys().build());

    assertThat(seen.getTarget()).isEqualTo("/orders/7?page=2&sort=-date%2Cid");
  }

  @Test
  void forwardCredentialKeepsThemForUpstreamsThatNeedThem() throws Exception {
    RecordedRequest cookie =
        forwarded(
            Request.builder()
                .target("/orders/7")
                .header("Cookie", "theme=dark; session=" + token)
                .build(),
            jwt().forwardCredential(true).build());
    assertThat(cookie.getHeaders().get("Cookie")).isEqualTo("theme=dark; session=" + token);
    gateway.close();

    RecordedRequest query =
        forwarded(
            Request.of("GET", "/orders/7?access_token=" + token),
            jwt().forwardCredential(true).build());
    assertThat(query.getTarget()).isEqualTo("/orders/7?access_token=" + token);
    gateway.close();

    RecordedRequest key =
        forwarded(
            Request.of("GET", "/orders/7?api_key=" + API_KEY),
            apiKeys().forwardCredential(true).build());
    assertThat(key.getTarget()).isEqualTo("/orders/7?api_key=" + API_KEY);
  }

  @Test
  void authorizationHeaderIsLeftAsItWasWithoutIdentityForwarding() throws Exception {
    RecordedRequest seen =
        forwarded(
            Request.builder()
                .target("/orders/7?access_token=unrelated")
                .header("Authorization", "Bearer " + token)
                .header("Cookie", "session=x; theme=dark")
                .build(),
            jwt().build());

    assertThat(seen.getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
    // The configured places are credentials whichever one was used: they go too.
    assertThat(seen.getHeaders().values("Cookie")).containsExactly("theme=dark");
    assertThat(seen.getTarget()).isEqualTo("/orders/7");
  }

  @Test
  void everyAuthenticatorsCredentialGoesNotOnlyTheOneThatWon() throws Exception {
    RecordedRequest seen =
        forwarded(
            Request.builder()
                .target("/orders/7?api_key=" + API_KEY + "&x=1")
                .header("Cookie", "session=not-checked; theme=dark")
                .build(),
            apiKeys().build(),
            jwt().build());

    assertThat(seen.getTarget()).isEqualTo("/orders/7?x=1");
    assertThat(seen.getHeaders().values("Cookie")).containsExactly("theme=dark");
  }

  @Test
  void apiKeyHeaderIsLeftAsItIs() throws Exception {
    RecordedRequest seen =
        forwarded(
            Request.builder().target("/orders/7").header("X-Api-Key", API_KEY).build(),
            apiKeys().build());

    assertThat(seen.getHeaders().get("X-Api-Key")).isEqualTo(API_KEY);
  }
}
