package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Circuits open on failure and slow-call rates, answer 503 at once, and close after trials. */
class CircuitBreakerTest extends TwoBackends {
  private final FakeClock clock = new FakeClock();

  private Gateway gateway(CircuitBreakerPolicy policy, Backend... backends) {
    return gateway(clock, policy, backends);
  }

  /** Circuit windows and call durations both read {@code ticker}, the gateway's one time source. */
  private Gateway gateway(Ticker ticker, CircuitBreakerPolicy policy, Backend... backends) {
    Upstream.Builder upstream =
        Upstream.builder("svc")
            .circuitBreaker(policy)
            .retry(RetryPolicy.none())
            .outlierDetection(OutlierDetection.disabled());
    for (Backend backend : backends) {
      upstream.instance(backend.url());
    }
    return Gateway.builder()
        .ticker(ticker)
        .upstream(upstream.build())
        .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
        .build();
  }

  @Test
  void anOpenCircuitAnswers503AtOnceThenClosesAfterSuccessfulTrials() throws Exception {
    CircuitBreakerPolicy policy =
        CircuitBreakerPolicy.builder()
            .window(10, 4)
            .failureRateThreshold(0.5)
            .openDuration(Duration.ofSeconds(30))
            .halfOpenCalls(2)
            .build();
    a.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(policy, a)) {
      for (int i = 0; i < 4; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("busy");
      }
      try (Response refused = gateway.handle(Request.of("GET", "/svc/x"))) {
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("30");
        assertThat(refused.body().string()).contains("circuit open").contains("requestId");
      }
      assertThat(a.received()).isEqualTo(4);

      clock.advance(Duration.ofSeconds(29));
      assertThat(Client.get(gateway, "/svc/x").body()).contains("circuit open");
      a.mode(Backend.Mode.OK);
      clock.advance(Duration.ofSeconds(1));
      for (int i = 0; i < 5; i++) {
        assertThat(Client.get(gateway, "/svc/x").status()).isEqualTo(200);
      }
      assertThat(a.received()).isEqualTo(4 + 5);
    }
  }

  @Test
  void failedTrialsOpenTheCircuitAgain() {
    CircuitBreakerPolicy policy =
        CircuitBreakerPolicy.builder()
            .window(4, 4)
            .openDuration(Duration.ofSeconds(10))
            .halfOpenCalls(1)
            .build();
    a.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(policy, a)) {
      for (int i = 0; i < 4; i++) {
        Client.get(gateway, "/svc/x");
      }
      clock.advance(Duration.ofSeconds(10));
      assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("busy"); // the one trial
      assertThat(Client.get(gateway, "/svc/x").body()).contains("circuit open");
      assertThat(a.received()).isEqualTo(5);
    }
  }

  @Test
  void slowCallsOpenTheCircuitWhenTheSlowRateIsReached() {
    CircuitBreakerPolicy policy =
        CircuitBreakerPolicy.builder()
            .window(4, 4)
            .slowCallDuration(Duration.ofMillis(100))
            .slowCallRateThreshold(0.5)
            .build();
    a.hangMillis = 150;
    a.mode(Backend.Mode.HANG);
    try (Gateway gateway = gateway(Ticker.system(), policy, a)) { // slow in real time
      for (int i = 0; i < 4; i++) {
        assertThat(Client.get(gateway, "/svc/x").status()).isEqualTo(200);
      }
      assertThat(Client.get(gateway, "/svc/x").body()).contains("circuit open");
      assertThat(a.received()).isEqualTo(4);
    }
  }

  @Test
  void anInstanceScopedCircuitTakesOnlyThatInstanceOutOfRotation() {
    CircuitBreakerPolicy policy =
        CircuitBreakerPolicy.builder()
            .scope(CircuitBreakerPolicy.Scope.INSTANCE)
            .window(4, 2)
            .build();
    a.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(policy, a, b)) {
      for (int i = 0; i < 20; i++) {
        Client.get(gateway, "/svc/x");
      }

      assertThat(a.received()).isEqualTo(2);
      assertThat(b.received()).isEqualTo(18);
    }
  }

  @Test
  void aWebSocketHandshakeToAHalfOpenInstanceIsItsTrialAndItsAnswerDecides() throws Exception {
    CircuitBreakerPolicy policy =
        CircuitBreakerPolicy.builder()
            .scope(CircuitBreakerPolicy.Scope.INSTANCE)
            .window(2, 2)
            .openDuration(Duration.ofSeconds(10))
            .halfOpenCalls(1)
            .build();
    a.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway =
        Gateway.builder()
            .ticker(clock)
            .upstream(
                Upstream.builder("svc")
                    .instance(a.url())
                    .circuitBreaker(policy)
                    .retry(RetryPolicy.none())
                    .outlierDetection(OutlierDetection.disabled())
                    .build())
            .route("svc", r -> r.path("/svc/**").webSocket().proxyToUpstream("svc"))
            .build()) {
      for (int i = 0; i < 2; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("busy");
      }
      clock.advance(Duration.ofSeconds(10));
      a.mode(Backend.Mode.OK);
      Request handshake =
          Request.of("GET", "/svc/socket")
              .newBuilder()
              .header("Upgrade", "websocket")
              .header("Connection", "Upgrade")
              .header("Sec-WebSocket-Version", "13")
              .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
              .build();
      try (Response refused = gateway.handle(handshake)) { // the instance answers: the trial
        assertThat(refused.status()).isEqualTo(200); // not a WebSocket server; its answer relayed
        assertThat(refused.body().string()).isEqualTo("a");
      }

      for (int i = 0; i < 3; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("a"); // closed again
      }
      assertThat(a.received()).isEqualTo(2 + 1 + 3);
      assertThat(a.requests.stream().map(r -> r.getUrl().encodedPath()))
          .containsExactly("/svc/x", "/svc/x", "/svc/socket", "/svc/x", "/svc/x", "/svc/x");
    }
  }
}
