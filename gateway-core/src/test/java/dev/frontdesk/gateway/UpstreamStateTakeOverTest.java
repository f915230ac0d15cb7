package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.Poller;
import java.time.Duration;
import java.util.function.Supplier;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A gateway built with {@code upstreamStateFrom(old)} (a hot swap) keeps what the old gateway knew
 * about its equal upstreams: a down instance stays down, an open circuit stays open, an ejected
 * instance stays ejected; a changed upstream starts afresh; and closing the old gateway, as a
 * holder does once it is idle, leaves the new one's health checks running.
 */
class UpstreamStateTakeOverTest extends TwoBackends {
  private final FakeClock clock = new FakeClock();

  private Gateway gateway(Upstream upstream, Gateway previous) {
    var b =
        Gateway.builder()
            .ticker(clock)
            .upstream(upstream)
            .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"));
    return previous == null ? b.build() : b.upstreamStateFrom(previous).build();
  }

  private static long traffic(Backend backend) {
    return backend.requests.stream()
        .map(RecordedRequest::getTarget)
        .filter(t -> t.startsWith("/svc"))
        .count();
  }

  private static UpstreamStatus.InstanceStatus status(Gateway gateway, Backend backend) {
    return gateway.upstreams().get(0).instances().stream()
        .filter(i -> i.url().equals(backend.url()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anInstanceTheHealthChecksMarkedDownStaysDownInTheNewGateway() throws Exception {
    Supplier<Upstream> svc =
        () ->
            Upstream.builder("svc")
                .instance(a.url())
                .instance(b.url())
                .retry(RetryPolicy.none())
                .healthCheck(
                    HealthCheck.builder("/health")
                        .interval(Duration.ofMillis(50))
                        .unhealthyThreshold(2)
                        .healthyThreshold(2)
                        .build())
                .build();
    b.mode(Backend.Mode.FAIL_503);
    Gateway old = gateway(svc.get(), null);
    Poller.until("b marked down", Duration.ofSeconds(10), () -> !status(old, b).healthy());

    Gateway next = gateway(svc.get(), old);
    old.close();
    try (next) {
      assertThat(status(next, b).healthy()).isFalse();
      long before = traffic(b);
      for (int i = 0; i < 10; i++) {
        assertThat(Client.get(next, "/svc/x").body()).isEqualTo("a");
      }
      assertThat(traffic(b)).isEqualTo(before);

      b.mode(
          Backend.Mode
              .OK); // the new gateway's own checks bring it back: closing the old one stopped none
      // of them
      Poller.until(
          "b back in rotation",
          Duration.ofSeconds(10),
          () -> Client.get(next, "/svc/x").body().equals("b"));
    }
  }

  @Test
  void anOpenCircuitStaysOpenInTheNewGatewayUntilItsTime() throws Exception {
    Supplier<Upstream> svc =
        () ->
            Upstream.builder("svc")
                .instance(a.url())
                .retry(RetryPolicy.none())
                .outlierDetection(OutlierDetection.disabled())
                .circuitBreaker(
                    CircuitBreakerPolicy.builder()
                        .window(10, 4)
                        .failureRateThreshold(0.5)
                        .openDuration(Duration.ofSeconds(30))
                        .halfOpenCalls(1)
                        .build())
                .build();
    a.mode(Backend.Mode.FAIL_503);
    Gateway old = gateway(svc.get(), null);
    for (int i = 0; i < 4; i++) {
      assertThat(Client.get(old, "/svc/x").body()).isEqualTo("busy");
    }
    assertThat(old.upstreams().get(0).circuit()).isEqualTo("OPEN");

    Gateway next = gateway(svc.get(), old);
    old.close();
    try (next) {
      a.mode(Backend.Mode.OK);
      assertThat(next.upstreams().get(0).circuit()).isEqualTo("OPEN");
      Client refused = Client.get(next, "/svc/x");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).contains("circuit open");
      assertThat(a.received()).isEqualTo(4);

      clock.advance(Duration.ofSeconds(30));
      assertThat(Client.get(next, "/svc/x").body()).isEqualTo("a");
      assertThat(next.upstreams().get(0).circuit()).isEqualTo("CLOSED");
    }
  }

  @Test
  void anEjectedInstanceStaysEjectedInTheNewGateway() {
    Supplier<Upstream> svc = () -> ejecting(Duration.ofSeconds(30));
    Gateway old = gateway(svc.get(), null);
    ejectB(old);

    Gateway next = gateway(svc.get(), old);
    old.close();
    try (next) {
      b.mode(Backend.Mode.OK);
      assertThat(status(next, b).ejected()).isTrue();
      long before = traffic(b);
      for (int i = 0; i < 10; i++) {
        assertThat(Client.get(next, "/svc/x").body()).isEqualTo("a");
      }
      assertThat(traffic(b)).isEqualTo(before);

      clock.advance(Duration.ofSeconds(30));
      assertThat(Client.get(next, "/svc/x").body() + Client.get(next, "/svc/x").body())
          .contains("b");
    }
  }

  @Test
  void aChangedUpstreamStartsAfresh() {
    Gateway old = gateway(ejecting(Duration.ofSeconds(30)), null);
    ejectB(old);

    Gateway next = gateway(ejecting(Duration.ofSeconds(60)), old);
    old.close();
    try (next) {
      b.mode(Backend.Mode.OK);
      assertThat(status(next, b).ejected()).isFalse();
      assertThat(Client.get(next, "/svc/x").body() + Client.get(next, "/svc/x").body())
          .contains("b");
    }
  }

  /**
   * Ejected after one failure, for {@code ejection} of a clock that moves only when the test says
   * so.
   */
  private Upstream ejecting(Duration ejection) {
    return Upstream.builder("svc")
        .instance(a.url())
        .instance(b.url())
        .retry(RetryPolicy.none())
        .outlierDetection(
            OutlierDetection.builder().consecutiveFailures(1).baseEjection(ejection).build())
        .build();
  }

  /** Sends requests until one reaches b and fails there, which ejects it. */
  private void ejectB(Gateway gateway) {
    b.mode(Backend.Mode.FAIL_503);
    for (int i = 0; i < 2; i++) {
      if (Client.get(gateway, "/svc/x").status() == 503) {
        assertThat(status(gateway, b).ejected()).isTrue();
        return;
      }
    }
    throw new AssertionError("no request reached b");
  }
}
