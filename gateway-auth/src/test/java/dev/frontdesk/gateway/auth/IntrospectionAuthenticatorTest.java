package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import dev.frontdesk.gateway.testing.WallClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrospectionAuthenticatorTest {
  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk("from upstream");
  final MockWebServer idp = new MockWebServer();
  Gateway gateway;

  @BeforeEach
  void start() throws IOException {
    idp.start();
    gateway = gateway(clock);
  }

  private Gateway gateway(Clock time) {
    IntrospectionAuthenticator opaque =
        IntrospectionAuthenticator.builder(idp.url("/oauth2/introspect").toString())
            .clientCredentials("gateway", "s3cret:with/odd chars")
            .clock(time)
            .cacheCap(Duration.ofMinutes(5))
            .realm("api")
            .build();
    IdentityForwarding forwarding = IdentityForwarding.builder().build();
    return Gateway.builder()
        .use(forwarding.stripClientHeaders())
        .route(
            "api",
            r ->
                r.path("/api/**")
                    .use(Authentication.required(opaque), forwarding.forward())
                    .proxyTo(TestUpstreams.baseUrl(upstream)))
        .build();
  }

  @AfterEach
  void close() {
    gateway.close();
    idp.close();
    upstream.close();
  }

  void idpAnswers(String json) {
    idp.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  Exchange call(String token) {
    return Exchange.send(
        gateway,
        Request.builder().target("/api/x").header("Authorization", "Bearer " + token).build());
  }

  @Test
  void anActiveTokenIsAskedForOnceAndForwardedAsItsSubject() throws Exception {
    idpAnswers(
        "{\"active\":true,\"sub\":\"bob\",\"client_id\":\"web\",\"scope\":\"a b\",\"exp\":"
            + (now() + 3600)
            + "}");

    assertThat(call("opaque-token-1").status()).isEqualTo(200);
    assertThat(call("opaque-token-1").status()).isEqualTo(200);

    RecordedRequest asked = idp.takeRequest(5, TimeUnit.SECONDS);
    assertThat(asked.getMethod()).isEqualTo("POST");
    assertThat(asked.getTarget()).isEqualTo("/oauth2/introspect");
    assertThat(asked.getBody().utf8())
        .isEqualTo("token=opaque-token-1&token_type_hint=access_token");
    assertThat(asked.getHeaders().get("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("gateway:s3cret%3Awith%2Fodd+chars".getBytes()));
    assertThat(idp.getRequestCount()).isEqualTo(1);
    RecordedRequest received = TestUpstreams.take(upstream);
    assertThat(received.getHeaders().get("X-User-Id")).isEqualTo("bob");
    assertThat(received.getHeaders().get("X-Consumer-Id")).isEqualTo("web");
    assertThat(received.getHeaders().get("X-Scopes")).isEqualTo("a b");
    assertThat(received.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void anInactiveTokenIs401() {
    idpAnswers("{\"active\":false}");

    Exchange reply = call("revoked-token");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate"))
        .isEqualTo(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"the token is not active\"");
    assertThat(upstream.getRequestCount()).isZero();
  }

  /**
   * RFC 7662 §2.2: {@code exp} and {@code nbf} are optional, but an answer that has them is held to
   * them on the gateway's clock, with 30 s of skew, like a JWT's; a refused answer is not cached
   * (asked again).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      exp passed 30 s ago       | ,"exp":-30            | the token has expired
      exp passed an hour ago    | ,"exp":-3600          | the token has expired
      nbf 31 s from now         | ,"nbf":31,"exp":3600  | the token is not valid yet
      nbf a minute from now     | ,"nbf":60             | the token is not valid yet
      """)
  void anActiveAnswerOutsideItsExpOrNbfIs401AndNotCached(
      String name, String times, String description) {
    String answer = "{\"active\":true,\"sub\":\"bob\"" + relative(times) + "}";
    idpAnswers(answer);
    idpAnswers(answer);

    Exchange first = call("out-of-time-token");
    Exchange second = call("out-of-time-token");

    for (Exchange reply : new Exchange[] {first, second}) {
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate"))
          .isEqualTo(
              "Bearer realm=\"api\", error=\"invalid_token\", error_description=\""
                  + description
                  + "\"");
    }
    assertThat(idp.getRequestCount()).as("not cached: asked twice").isEqualTo(2);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      neither exp nor nbf                | ''
      exp a second ahead                 | ,"exp":1
      exp 29 s ago, within the 30 s skew | ,"exp":-29
      nbf is now                         | ,"nbf":0,"exp":3600
      nbf 30 s ahead, within the skew    | ,"nbf":30,"exp":3600
      """)
  void anActiveAnswerWithinItsExpAndNbfIsForwarded(String name, String times) throws Exception {
    idpAnswers("{\"active\":true,\"sub\":\"bob\"" + relative(times) + "}");

    Exchange reply = call("timely-token");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("X-User-Id")).isEqualTo("bob");
  }

  /** {@code ,"exp":-1} becomes {@code ,"exp":<now - 1>}: the table's times are relative. */
  private String relative(String times) {
    return java.util.regex.Pattern.compile("(-?\\d+)")
        .matcher(times)
        .replaceAll(m -> String.valueOf(now() + Long.parseLong(m.group(1))));
  }

  @Test
  void theCacheEndsAtTheTokensExpiry() {
    idpAnswers("{\"active\":true,\"sub\":\"bob\",\"exp\":" + (now() + 60) + "}");
    idpAnswers("{\"active\":false}");

    assertThat(call("short-lived-token").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(59));
    assertThat(call("short-lived-token").status()).isEqualTo(200);
    assertThat(idp.getRequestCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(call("short-lived-token").status()).isEqualTo(401);
    assertThat(idp.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theCacheIsCappedForLongLivedTokens() {
    idpAnswers("{\"active\":true,\"sub\":\"bob\",\"exp\":" + (now() + 86_400) + "}");
    idpAnswers("{\"active\":false}");

    assertThat(call("long-lived-token").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(4));
    assertThat(call("long-lived-token").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertThat(call("long-lived-token").status())
        .as("revoked, and the cap has passed")
        .isEqualTo(401);
    assertThat(idp.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aWallClockSetBackEndsACachedAnswerRatherThanStretchingTheCap() {
    gateway.close();
    WallClock wall = new WallClock(clock.instant());
    gateway = gateway(wall);
    idpAnswers("{\"active\":true,\"sub\":\"bob\",\"exp\":" + (now() + 86_400) + "}");
    idpAnswers("{\"active\":false}");
    assertThat(call("long-lived-token").status()).isEqualTo(200);
    assertThat(call("long-lived-token").status()).isEqualTo(200);
    assertThat(idp.getRequestCount()).isEqualTo(1);

    wall.setBack(Duration.ofHours(1)); // an NTP correction: the cap would now last 65 minutes

    assertThat(call("long-lived-token").status()).as("revoked, and asked again").isEqualTo(401);
    assertThat(idp.getRequestCount()).isEqualTo(2);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnreachableOrFailingEndpointIs503() {
    idp.enqueue(new MockResponse.Builder().code(500).body("oops").build());
    idpAnswers("not json");

    Exchange failing = call("token-a");
    Exchange garbled = call("token-a");

    assertThat(failing.status()).isEqualTo(503);
    assertThat(failing.problem().get("detail").asText())
        .isEqualTo("the token could not be checked now; try again later");
    assertThat(garbled.status()).isEqualTo(503);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aRequestWithoutTokenNeverReachesTheEndpoint() {
    Exchange reply = Exchange.send(gateway, Request.of("GET", "/api/x"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
    assertThat(idp.getRequestCount()).isZero();
  }
}
