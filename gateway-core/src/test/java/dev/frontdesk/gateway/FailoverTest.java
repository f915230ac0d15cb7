package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Three instances behind one upstream, one or two of which die, fail, hang or refuse. */
class FailoverTest {
  private Backend a;
  private Backend b;
  private Backend c;

  @BeforeEach
  void start() throws Exception {
    a = Backend.start("a");
    b = Backend.start("b");
    c = Backend.start("c");
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    c.close();
  }

  private Gateway gateway(Upstream.Builder upstream) {
    return gateway(upstream, Ticker.system());
  }

  private Gateway gateway(Upstream.Builder upstream, Ticker ticker) {
    UpstreamOverrides patient =
        UpstreamOverrides.builder()
            .tryTimeout(Duration.ofSeconds(30))
            .deadline(Duration.ofSeconds(30))
            .build();
    return Gateway.builder()
        .ticker(ticker)
        .upstream(upstream.instance(a.url()).instance(b.url()).instance(c.url()).build())
        .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
        .route("warm", r -> r.path("/warm/**").use(patient).proxyToUpstream("svc"))
        .build();
  }

  @Test
  void killingOneOfThreeUnderSteadyLoadFailsUnderOnePercentAndNothingAfterEjection()
      throws Exception {
    try (Gateway gateway =
        gateway(
            Upstream.builder("svc")
                .outlierDetection(
                    OutlierDetection.builder()
                        .consecutiveFailures(3)
                        .baseEjection(Duration.ofMinutes(1))
                        .build()))) {
      AtomicInteger done = new AtomicInteger();
      CountDownLatch warm = new CountDownLatch(60);
      ConcurrentLinkedQueue<int[]> results =
          new ConcurrentLinkedQueue<>(); // {completion order, status}
      ExecutorService clients = Executors.newFixedThreadPool(3);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        futures.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    int status;
                    try {
                      status = Client.get(gateway, "/svc/item?i=" + i).status();
                    } catch (java.io.UncheckedIOException e) {
                      status =
                          -1; // headers came, then the body broke as the instance died: a failure
                      // the client saw
                    }
                    results.add(new int[] {done.incrementAndGet(), status});
                    warm.countDown();
                  }
                  return null;
                }));
      }
      assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();
      b.kill();
      int killedAt = done.get();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();

      long failures = results.stream().filter(r -> r[1] != 200).count();
      long failuresAfterEjection =
          results.stream().filter(r -> r[0] > killedAt + 20 && r[1] != 200).count();
      assertThat(results).hasSize(300);
      assertThat(failures).isLessThan(3); // < 1% of 300
      assertThat(failuresAfterEjection).isZero();
      assertThat(a.received() + c.received()).isGreaterThanOrEqualTo(300 - b.received());
      assertThat(b.received()).isBetween(killedAt / 3 - 10, killedAt / 3 + 10);
      assertThat(a.received()).isGreaterThan(100);
      assertThat(c.received()).isGreaterThan(100);
    }
  }

  /**
   * Without retries, so that each of b's failures reaches the client as a 503: the ejection is
   * timed by the gateway's ticker, which a retry's back-off would wait on. Retrying elsewhere is
   * {@link RetryTest}'s. A ticker may read below zero ({@link System#nanoTime()} may): nothing is
   * ejected before it fails.
   */
  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T00:00:00Z", "1900-01-01T00:00:00Z"})
  void anInstanceAnswering503IsEjectedForLongerEachTimeOnTheGatewaysTicker(String start)
      throws Exception {
    FakeClock clock = FakeClock.at(start);
    b.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway =
        gateway(
            Upstream.builder("svc")
                .retry(RetryPolicy.none())
                .outlierDetection(
                    OutlierDetection.builder()
                        .consecutiveFailures(3)
                        .baseEjection(Duration.ofSeconds(10))
                        .build()),
            clock)) {
      assertThat(failuresIn30(gateway)).isEqualTo(3); // three strikes, then out
      assertThat(b.received()).isEqualTo(3);

      clock.advance(Duration.ofSeconds(10)); // first ejection over: back, fails again, out for 20 s
      assertThat(failuresIn30(gateway)).isEqualTo(3);
      assertThat(b.received()).isEqualTo(6);

      clock.advance(Duration.ofSeconds(10)); // only half of the second ejection
      assertThat(failuresIn30(gateway)).isZero();
      assertThat(b.received()).isEqualTo(6);
      assertThat(a.received() + c.received()).isEqualTo(84);
    }
  }

  /** Sends 30 requests; returns how many were answered 503 (the others must be 200). */
  private static int failuresIn30(Gateway gateway) {
    int failures = 0;
    for (int i = 0; i < 30; i++) {
      int status = Client.get(gateway, "/svc/x").status();
      assertThat(status).isIn(200, 503);
      failures += status == 503 ? 1 : 0;
    }
    return failures;
  }

  @Test
  void neverEjectsMoreThanTheConfiguredShareOfTheGroup() throws Exception {
    a.mode(Backend.Mode.FAIL_503);
    b.mode(Backend.Mode.FAIL_503);
    c.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway =
        gateway(
            Upstream.builder("svc")
                .retry(RetryPolicy.none())
                .outlierDetection(
                    OutlierDetection.builder()
                        .consecutiveFailures(2)
                        .maxEjectedShare(0.34)
                        .build()))) {
      for (int i = 0; i < 30; i++) {
        assertThat(Client.get(gateway, "/svc/x").status()).isEqualTo(503);
      }
      List<Integer> received = List.of(a.received(), b.received(), c.received());
      assertThat(received).filteredOn(n -> n == 2).hasSize(1); // one ejected after two strikes
      assertThat(received).filteredOn(n -> n >= 8).hasSize(2); // the other two kept serving
      assertThat(received.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
    }
  }

  @Test
  void withTwoOfThreeHangingEveryRequestSucceedsWithinTheDeadline() throws Exception {
    try (Gateway gateway =
        gateway(
            Upstream.builder("svc")
                .outlierDetection(OutlierDetection.disabled())
                .retry(RetryPolicy.builder().maxAttempts(3).build())
                .tryTimeout(Duration.ofMillis(500))
                .deadline(Duration.ofSeconds(3)))) {
      warmUp(gateway);
      int cBefore = c.received();
      a.mode(Backend.Mode.HANG);
      b.mode(Backend.Mode.HANG);
      for (int i = 0; i < 4; i++) {
        Client got = Client.get(gateway, "/svc/x");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("c");
        assertThat(got.millis()).isLessThan(3_000 + 2_500);
      }
      assertThat(c.received() - cBefore).isEqualTo(4);
    }
  }

  @Test
  void withTwoOfThreeHangingTheClientWaitsNoLongerThanTheDeadline() throws Exception {
    try (Gateway gateway =
        gateway(
            Upstream.builder("svc")
                .outlierDetection(OutlierDetection.disabled())
                .retry(RetryPolicy.builder().maxAttempts(3).build())
                .tryTimeout(Duration.ofMillis(600))
                .deadline(Duration.ofMillis(800)))) {
      warmUp(gateway);
      int abBefore = a.received() + b.received();
      int cBefore = c.received();
      a.mode(Backend.Mode.HANG);
      b.mode(Backend.Mode.HANG);
      List<Client> got = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        got.add(Client.get(gateway, "/svc/x"));
      }
      assertThat(got)
          .allSatisfy(
              r -> {
                assertThat(r.status()).isIn(200, 504);
                assertThat(r.millis())
                    .isLessThan(800 + 2_500); // generous: a cold first time-out under load
              });
      assertThat(got).anySatisfy(r -> assertThat(r.status()).isEqualTo(504));
      assertThat(got)
          .filteredOn(r -> r.status() == 504)
          .allSatisfy(
              r -> assertThat(r.body()).contains("did not answer in time").contains("requestId"));
      long timedOut = got.stream().filter(r -> r.status() == 504).count();
      assertThat(a.received() + b.received() - abBefore)
          .isGreaterThanOrEqualTo((int) timedOut); // a hang each
      assertThat(c.received() - cBefore).isEqualTo((int) (4 - timedOut));
    }
  }

  /**
   * Requests to each instance first, on a route without tight time-outs, so that connection set-up
   * and class loading in a cold JVM on a loaded machine do not eat a try's time.
   */
  private void warmUp(Gateway gateway) {
    for (int i = 0; i < 3; i++) {
      assertThat(Client.get(gateway, "/warm/x").status()).isEqualTo(200);
    }
    assertThat(List.of(a.received(), b.received(), c.received()))
        .allSatisfy(n -> assertThat(n).isPositive());
  }

  @Test
  void anInstanceRefusingConnectionsIsSkippedEvenForPosts() throws Exception {
    try (Gateway gateway =
        Gateway.builder()
            .upstream(
                Upstream.builder("svc")
                    .instance(Backend.closedPort())
                    .instance(Instance.of(a.url()))
                    .build())
            .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
            .build()) {
      for (int i = 0; i < 4; i++) {
        Client got = Client.send(gateway, Client.post("/svc/orders", "{\"n\":" + i + "}"));
        assertThat(got.status()).isEqualTo(200);
      }
      assertThat(a.received()).isEqualTo(4);
      assertThat(a.requests.take().getBody().utf8()).isEqualTo("{\"n\":0}");
    }
  }
}
