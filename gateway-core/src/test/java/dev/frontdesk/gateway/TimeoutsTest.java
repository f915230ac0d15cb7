package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Per-try timeouts and deadlines, per upstream and overridden per route. */
class TimeoutsTest {
  @Test
  void aRoutesDeadlineOverridesItsUpstreamsAndTheClientGets504InTime() throws Exception {
    try (Backend a = Backend.start("a")) {
      a.hangMillis = 2_000;
      try (Gateway gateway =
          Gateway.builder()
              .upstream(
                  Upstream.builder("svc")
                      .instance(a.url())
                      .deadline(Duration.ofSeconds(10))
                      .build())
              .route(
                  "fast",
                  r ->
                      r.path("/fast/**")
                          .use(
                              UpstreamOverrides.builder()
                                  .deadline(Duration.ofMillis(300))
                                  .retry(RetryPolicy.none())
                                  .build())
                          .proxyToUpstream("svc"))
              .route("slow", r -> r.path("/slow/**").proxyToUpstream("svc"))
              .build()) {
        Client.get(gateway, "/slow/warm");
        a.mode(Backend.Mode.HANG);
        // The first time-out loads the scheduler, problem+json and more: not what is measured here.
        assertThat(Client.get(gateway, "/fast/warm").status()).isEqualTo(504);

        Client fast = Client.get(gateway, "/fast/x");
        a.mode(Backend.Mode.OK);
        Client slow = Client.get(gateway, "/slow/x");

        assertThat(fast.status()).isEqualTo(504);
        assertThat(fast.millis()).isBetween(250L, 300L + 1_500);
        assertThat(slow.status()).isEqualTo(200);
        assertThat(a.received()).isEqualTo(4);
      }
    }
  }

  @Test
  void thePerTryTimeoutStopsCountingOnceHeadersArriveSoSlowBodiesStream() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("warm").build());
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("slow body")
              .bodyDelay(2_000, TimeUnit.MILLISECONDS)
              .build());
      server.start();
      try (Gateway gateway =
          Gateway.builder()
              .upstream(
                  Upstream.builder("svc")
                      .instance(server.url("/").toString())
                      .tryTimeout(Duration.ofMillis(1_000))
                      .deadline(Duration.ofMillis(1_200))
                      .build())
              .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
              .build()) {
        assertThat(Client.get(gateway, "/svc/warm").body()).isEqualTo("warm");
        Client got = Client.get(gateway, "/svc/x");

        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("slow body");
        assertThat(got.millis()).isGreaterThanOrEqualTo(1_900);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/svc/warm");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/svc/x");
      }
    }
  }

  @Test
  void upstreamOfKeepsWorkingWithEveryDefault() throws Exception {
    try (Backend a = Backend.start("a");
        Backend b = Backend.start("b")) {
      try (Gateway gateway =
          Gateway.builder()
              .upstream(Upstream.of("svc", a.url(), b.url()))
              .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
              .build()) {
        for (int i = 0; i < 4; i++) {
          assertThat(Client.get(gateway, "/svc/x").status()).isEqualTo(200);
        }
        assertThat(a.received()).isEqualTo(2);
        assertThat(b.received()).isEqualTo(2);
        assertThat(a.requests.take().getTarget()).isEqualTo("/svc/x");
      }
    }
  }
}
