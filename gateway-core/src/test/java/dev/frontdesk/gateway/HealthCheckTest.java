package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.LogCapture;
import dev.frontdesk.gateway.testing.Poller;
import java.time.Duration;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Active checks on the gateway's scheduler. Intervals are short and the test waits for the checks'
 * effect (never for time itself), with generous limits for a busy machine.
 */
class HealthCheckTest extends TwoBackends {
  private static final String HEALTH_LOG = "dev.frontdesk.gateway.internal.upstream.HealthChecker";

  private Gateway gateway(HealthCheck check) {
    return gateway(Upstream.builder("svc").healthCheck(check));
  }

  private Gateway gateway(Upstream.Builder upstream) {
    return gateway(upstream, Ticker.system());
  }

  private Gateway gateway(Upstream.Builder upstream, Ticker ticker) {
    return Gateway.builder()
        .ticker(ticker)
        .upstream(upstream.instance(a.url()).instance(b.url()).retry(RetryPolicy.none()).build())
        .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
        .build();
  }

  /** Ejected after one failure for 30 s of a ticker that only moves when the test says so. */
  private Gateway ejectingGateway(HealthCheck check, FakeClock clock) {
    return gateway(
        Upstream.builder("svc")
            .healthCheck(check)
            .outlierDetection(
                OutlierDetection.builder()
                    .consecutiveFailures(1)
                    .baseEjection(Duration.ofSeconds(30))
                    .build()),
        clock);
  }

  /** Sends requests until one reaches b and fails there, which ejects it. */
  private static void ejectB(Gateway gateway) {
    for (int i = 0; i < 2; i++) {
      if (Client.get(gateway, "/svc/x").status() == 503) {
        return;
      }
    }
    throw new AssertionError("no request reached b");
  }

  private static long traffic(Backend backend) {
    return backend.requests.stream()
        .map(RecordedRequest::getTarget)
        .filter(t -> t.startsWith("/svc"))
        .count();
  }

  private static long checks(Backend backend) {
    return backend.requests.stream()
        .map(RecordedRequest::getTarget)
        .filter(t -> t.equals("/health"))
        .count();
  }

  @Test
  void anInstanceFailingItsChecksLeavesRotationAndComesBackWhenItPassesAgain() throws Exception {
    HealthCheck check =
        HealthCheck.builder("/health")
            .interval(Duration.ofMillis(50))
            .unhealthyThreshold(2)
            .healthyThreshold(2)
            .build();
    try (Gateway gateway = gateway(check)) {
      b.mode(Backend.Mode.FAIL_503);
      Poller.until("b failed two checks", Duration.ofSeconds(10), () -> checks(b) >= 3);

      long before = traffic(b);
      for (int i = 0; i < 10; i++) {
        Client got = Client.get(gateway, "/svc/x");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("a");
      }
      assertThat(traffic(b)).isEqualTo(before);

      b.mode(Backend.Mode.OK);
      Poller.until(
          "b is back in rotation",
          Duration.ofSeconds(10),
          () -> Client.get(gateway, "/svc/x").body().equals("b"));
      assertThat(checks(a)).isGreaterThan(0);
    }
  }

  @Test
  void healthChecksThatSeeAnEjectedInstanceRecoverEndItsEjectionAndTheLogSaysSo() throws Exception {
    // unhealthyThreshold is out of reach: only the ejection keeps b out, as after a short outage
    HealthCheck check =
        HealthCheck.builder("/health")
            .interval(Duration.ofMillis(20))
            .unhealthyThreshold(1_000)
            .healthyThreshold(2)
            .build();
    FakeClock clock = new FakeClock();
    b.mode(Backend.Mode.FAIL_503);
    try (LogCapture log = LogCapture.of(HEALTH_LOG);
        Gateway gateway = ejectingGateway(check, clock)) {
      ejectB(gateway);
      Poller.until("b failed a check", Duration.ofSeconds(10), () -> checks(b) >= 1);
      for (int i = 0; i < 4; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("a");
      }

      b.mode(Backend.Mode.OK); // the clock stands still: without the checks, b would stay out
      Poller.until(
          "b is back in rotation",
          Duration.ofSeconds(10),
          () -> Client.get(gateway, "/svc/x").body().equals("b"));

      assertThat(log.messages())
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith(
                          "upstream 'svc': "
                              + b.url()
                              + " passed 2 health checks, back in rotation (outlier ejection ended ")
                      .endsWith(" ms early)"));
    }
  }

  @Test
  void healthChecksThatKeptPassingLeaveAnEjectionToRunItsCourse() throws Exception {
    HealthCheck check =
        HealthCheck.builder("/health").interval(Duration.ofMillis(20)).healthyThreshold(2).build();
    FakeClock clock = new FakeClock();
    b.mode(Backend.Mode.FAIL_503_BUT_HEALTH_CHECKS);
    try (LogCapture log = LogCapture.of(HEALTH_LOG);
        Gateway gateway = ejectingGateway(check, clock)) {
      ejectB(gateway);
      long before = checks(b);
      Poller.until(
          "b passed five more checks", Duration.ofSeconds(10), () -> checks(b) >= before + 5);
      for (int i = 0; i < 6; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("a");
      }
      assertThat(log.messages()).isEmpty();

      clock.advance(Duration.ofSeconds(30));
      Poller.until(
          "b is back after its ejection",
          Duration.ofSeconds(10),
          () -> Client.get(gateway, "/svc/x").status() == 503);
    }
  }

  @Test
  void instancesThatStartUnknownTakeNoTrafficUntilTheyPassACheck() throws Exception {
    HealthCheck check =
        HealthCheck.builder("/health")
            .interval(Duration.ofMillis(50))
            .startHealthy(false)
            .healthyThreshold(1)
            .build();
    b.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(check)) {
      Poller.until(
          "a passed a check", Duration.ofSeconds(10), () -> checks(a) >= 1 && checks(b) >= 1);
      Poller.until(
          "the check's answer was recorded",
          Duration.ofSeconds(10),
          () -> Client.get(gateway, "/svc/x").body().equals("a"));
      long before = traffic(b);

      for (int i = 0; i < 10; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("a");
      }
      assertThat(traffic(b)).isEqualTo(before);
    }
  }

  @Test
  void closingTheGatewayStopsItsHealthChecks() throws Exception {
    HealthCheck check = HealthCheck.builder("/health").interval(Duration.ofMillis(20)).build();
    Gateway gateway = gateway(check);
    Poller.until("checks run", Duration.ofSeconds(10), () -> checks(a) >= 2);

    gateway.close();
    long afterClose = checks(a) + 1; // one round may have been under way
    Thread.sleep(300); // 15 intervals in which no check may start
    assertThat(checks(a)).isLessThanOrEqualTo(afterClose);
  }
}
