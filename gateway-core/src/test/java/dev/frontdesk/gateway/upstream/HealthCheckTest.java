package dev.frontdesk.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.HealthCheck;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.Upstream;
import java.time.Duration;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Active checks on the gateway's scheduler. Intervals are short and the test waits for the
 * checks' effect (never for time itself), with generous limits for a busy machine.
 */
class HealthCheckTest extends TwoBackends {

  private Gateway gateway(HealthCheck check) {
    return Gateway.builder()
        .upstream(Upstream.builder("svc").instance(a.url()).instance(b.url())
            .healthCheck(check).retry(RetryPolicy.none()).build())
        .route("svc", r -> r.path("/svc/**").toUpstream("svc"))
        .build();
  }

  private static long traffic(Backend backend) {
    return backend.requests.stream().map(RecordedRequest::getTarget).filter(t -> t.startsWith("/svc")).count();
  }

  private static long checks(Backend backend) {
    return backend.requests.stream().map(RecordedRequest::getTarget).filter(t -> t.equals("/health")).count();
  }

  @Test
  void anInstanceFailingItsChecksLeavesRotationAndComesBackWhenItPassesAgain() throws Exception {
    HealthCheck check = HealthCheck.builder("/health").interval(Duration.ofMillis(50))
        .unhealthyThreshold(2).healthyThreshold(2).build();
    try (Gateway gateway = gateway(check)) {
      b.mode(Backend.Mode.FAIL_503);
      Client.await("b failed two checks", Duration.ofSeconds(10), () -> checks(b) >= 3);

      long before = traffic(b);
      for (int i = 0; i < 10; i++) {
        Client got = Client.get(gateway, "/svc/x");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("a");
      }
      assertThat(traffic(b)).isEqualTo(before);

      b.mode(Backend.Mode.OK);
      Client.await("b is back in rotation", Duration.ofSeconds(10),
          () -> Client.get(gateway, "/svc/x").body().equals("b"));
      assertThat(checks(a)).isGreaterThan(0);
    }
  }

  @Test
  void instancesThatStartUnknownTakeNoTrafficUntilTheyPassACheck() throws Exception {
    HealthCheck check = HealthCheck.builder("/health").interval(Duration.ofMillis(50))
        .startHealthy(false).healthyThreshold(1).build();
    b.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(check)) {
      Client.await("a passed a check", Duration.ofSeconds(10), () -> checks(a) >= 1 && checks(b) >= 1);
      Client.await("the check's answer was recorded", Duration.ofSeconds(10),
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
    Client.await("checks run", Duration.ofSeconds(10), () -> checks(a) >= 2);

    gateway.close();
    long afterClose = checks(a) + 1; // one round may have been under way
    Thread.sleep(300); // 15 intervals in which no check may start
    assertThat(checks(a)).isLessThanOrEqualTo(afterClose);
  }
}
