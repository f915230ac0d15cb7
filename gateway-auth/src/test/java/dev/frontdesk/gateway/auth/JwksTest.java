package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import dev.frontdesk.gateway.testing.WallClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwksTest {
  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final MockWebServer upstream = TestUpstreams.alwaysOk("from upstream");
  final JwksServer jwks = new JwksServer();
  Gateway gateway;
  final java.util.List<String> refreshes = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic(), "e1", TestKeys.EC.getPublic()));
    gateway = gateway(clock);
  }

  private Gateway gateway(Clock time) {
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .jwksUrl(jwks.url())
            .algorithms("RS256", "ES256")
            .issuer(Tokens.ISSUER)
            .clock(time)
            .cacheSize(0)
            .jwksRefreshInterval(Duration.ofMinutes(10))
            .jwksMinRefreshInterval(Duration.ofSeconds(30))
            .listener(
                new dev.frontdesk.gateway.GatewayListener() {
                  @Override
                  public void keySetRefreshed(String source, boolean succeeded) {
                    refreshes.add(source + (succeeded ? " ok" : " failed"));
                  }
                })
            .build();
    return Gateway.builder()
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
    upstream.close();
  }

  Exchange call(String token) {
    return Exchange.send(
        gateway,
        Request.builder().target("/api/x").header("Authorization", "Bearer " + token).build());
  }

  String token(java.security.Key key, String kid) {
    return Tokens.signed(clock, key, kid);
  }

  @Test
  void aWallClockSetBackCostsOneFetchAndHoldsBackNoRotatedKey() {
    gateway.close();
    WallClock wall = new WallClock(clock.instant());
    gateway = gateway(wall);
    assertThat(call(Tokens.signed(wall, TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic(), "k2", TestKeys.RSA_OTHER.getPublic()));

    wall.setBack(Duration.ofHours(1)); // an NTP correction
    String rotated = Tokens.signed(wall, TestKeys.RSA_OTHER.getPrivate(), "k2");
    assertThat(call(rotated).status()).isEqualTo(200);
    assertThat(jwks.fetches()).isEqualTo(2);

    for (int i = 0; i < 10; i++) { // the minimum interval holds again from the new time
      call(Tokens.signed(wall, TestKeys.RSA.getPrivate(), UUID.randomUUID().toString()));
    }
    assertThat(call(rotated).status()).isEqualTo(200);
    assertThat(jwks.fetches()).isEqualTo(2);
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  @Test
  void keysAreFetchedOnceAndServeManyTokens() {
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    assertThat(call(token(TestKeys.EC.getPrivate(), "e1")).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(5));
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);

    assertThat(jwks.fetches()).isEqualTo(1);
    assertThat(upstream.getRequestCount()).isEqualTo(3);
    assertThat(refreshes).containsExactly(jwks.url() + " ok"); // what a metrics listener counts
  }

  @Test
  void unknownKidTriggersOneRefreshThatPicksUpARotatedKey() {
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic(), "k2", TestKeys.RSA_OTHER.getPublic()));
    clock.advance(Duration.ofSeconds(31));

    assertThat(call(token(TestKeys.RSA_OTHER.getPrivate(), "k2")).status()).isEqualTo(200);
    assertThat(call(token(TestKeys.RSA_OTHER.getPrivate(), "k2")).status()).isEqualTo(200);

    assertThat(jwks.fetches()).isEqualTo(2);
  }

  @Test
  void aFloodOfRandomKidsCostsAtMostOneFetchPerMinimumInterval() {
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(31));
    for (int i = 0; i < 50; i++) {
      Exchange reply = call(token(TestKeys.RSA.getPrivate(), UUID.randomUUID().toString()));
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.problem().get("detail").asText())
          .isEqualTo("the token's key id is not known");
    }
    assertThat(jwks.fetches()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(31));
    for (int i = 0; i < 10; i++) {
      call(token(TestKeys.RSA.getPrivate(), UUID.randomUUID().toString()));
    }
    assertThat(jwks.fetches()).isEqualTo(3);
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theLastGoodKeySetIsKeptWhenARefreshFails() {
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    jwks.failWith(500);
    clock.advance(Duration.ofMinutes(11)); // the set is stale: a refresh is attempted and fails

    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    assertThat(jwks.fetches()).isEqualTo(2);
    jwks.json("not json at all");
    clock.advance(Duration.ofMinutes(1));
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    assertThat(jwks.fetches()).isEqualTo(3);
  }

  @Test
  void aKeyRemovedFromTheSetStopsWorkingAfterTheRefreshInterval() {
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    jwks.keys(Map.of("k2", TestKeys.RSA_OTHER.getPublic()));
    clock.advance(Duration.ofMinutes(9));
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(2));
    Exchange reply = call(token(TestKeys.RSA.getPrivate(), "k1"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(jwks.fetches()).isEqualTo(2);
  }

  @Test
  void anIdentityProviderDownFromTheStartGives503WithoutBeingHammered() {
    jwks.failWith(503);

    Exchange first = call(token(TestKeys.RSA.getPrivate(), "k1"));
    Exchange second = call(token(TestKeys.RSA.getPrivate(), "k1"));

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.problem().get("detail").asText())
        .isEqualTo("the token could not be checked now; try again later");
    assertThat(second.status()).isEqualTo(503);
    assertThat(jwks.fetches()).isEqualTo(1);
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic()));
    clock.advance(Duration.ofSeconds(31));
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void concurrentRequestsWithAnUnknownKidShareOneFetch() throws Exception {
    assertThat(call(token(TestKeys.RSA.getPrivate(), "k1")).status()).isEqualTo(200);
    jwks.keys(Map.of("k1", TestKeys.RSA.getPublic(), "k2", TestKeys.RSA_OTHER.getPublic()));
    clock.advance(Duration.ofSeconds(31));
    String rotated = token(TestKeys.RSA_OTHER.getPrivate(), "k2");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var results =
          pool.invokeAll(
              java.util.Collections.nCopies(
                  16, (java.util.concurrent.Callable<Integer>) () -> call(rotated).status()));
      for (var result : results) {
        assertThat(result.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(jwks.fetches()).isEqualTo(2);
  }
}
