package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wait between tries runs on the gateway's ticker: with a fake one, the retry happens once the
 * test has advanced it past the jittered back-off, and the test sleeps no back-off in real time.
 */
class RetryBackOffTest {
  /** "Equal jitter" of a 10-minute cap: the first wait is between 5 and 10 minutes. */
  private static final Duration BACK_OFF = Duration.ofMinutes(10);

  private final AtomicInteger hits = new AtomicInteger();
  private final MockWebServer a = TestUpstreams.started();
  private final MockWebServer b = TestUpstreams.started();

  RetryBackOffTest() {
    Dispatcher firstBusy =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return hits.incrementAndGet() == 1 ? text(503, "busy") : text(200, "ok");
          }
        };
    a.setDispatcher(firstBusy);
    b.setDispatcher(firstBusy);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  private Gateway gateway(FakeClock clock) {
    return gateway(clock, Upstream.builder("svc"));
  }

  private Gateway gateway(FakeClock clock, Upstream.Builder upstream, Middleware... route) {
    return Gateway.builder()
        .ticker(clock)
        .upstream(
            upstream
                .instance(baseUrl(a))
                .instance(baseUrl(b))
                .outlierDetection(OutlierDetection.disabled())
                .retry(RetryPolicy.builder().backoff(BACK_OFF, BACK_OFF).build())
                .build())
        .route("svc", r -> r.path("/**").use(route).proxyToUpstream("svc"))
        .build();
  }

  /** GET /x on another thread, as "status body". */
  private static CompletableFuture<String> getAsync(Gateway gateway) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Response response = gateway.handle(Request.of("GET", "/x"))) {
            return response.status() + " " + response.body().string();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  void theRetryWaitsUntilTheJitteredBackOffHasPassedOnTheGatewaysTicker() throws Exception {
    FakeClock clock = new FakeClock();
    try (Gateway gateway = gateway(clock)) {
      CompletableFuture<String> answer =
          CompletableFuture.supplyAsync(
              () -> {
                try (Response response = gateway.handle(Request.of("GET", "/x"))) {
                  return response.status() + " " + response.body().string();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Poller.until("the first try was answered", Duration.ofSeconds(5), () -> hits.get() == 1);

      clock.advance(BACK_OFF.dividedBy(2).minusNanos(1)); // short of the shortest jittered wait
      // a short real pause, only to give a retry that ignored the ticker the chance to happen
      assertThatThrownBy(() -> answer.get(100, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);
      assertThat(hits.get()).isEqualTo(1);

      clock.advance(BACK_OFF.dividedBy(2).plusNanos(1)); // the longest jittered wait is over

      assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("200 ok");
      assertThat(hits.get()).isEqualTo(2);
      assertThat(a.getRequestCount()).isEqualTo(1);
      assertThat(b.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aRetryWhoseBackOffWouldOutlastTheDeadlineIsNotSentAndTheClientGetsTheLastAnswer()
      throws Exception {
    FakeClock clock = new FakeClock();
    try (Gateway gateway =
        gateway(clock, Upstream.builder("svc").deadline(Duration.ofSeconds(1)))) {
      CompletableFuture<String> answer = getAsync(gateway);
      Poller.until("the first try was answered", Duration.ofSeconds(5), () -> hits.get() == 1);

      clock.advance(Duration.ofSeconds(1)); // a back-off cut to the deadline would end here

      // a try sent with no time left could only end in a 504, and b would do the work for nobody
      assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("503 busy");
      assertThat(hits.get()).isEqualTo(1);
      assertThat(a.getRequestCount()).isEqualTo(1);
      assertThat(b.getRequestCount()).isZero();
    }
  }

  @Test
  void aCallTimeoutBoundsTheRetriesAsADeadlineDoes() throws Exception {
    FakeClock clock = new FakeClock();
    Middleware callTimeout =
        chain ->
            chain
                .withCallOptions(CallOptions.builder().callTimeout(Duration.ofSeconds(1)).build())
                .proceed(chain.request());
    try (Gateway gateway = gateway(clock, Upstream.builder("svc"), callTimeout)) {
      CompletableFuture<String> answer = getAsync(gateway);
      Poller.until("the first try was answered", Duration.ofSeconds(5), () -> hits.get() == 1);

      clock.advance(BACK_OFF); // even the longest back-off is over, and the call's time long gone

      assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("503 busy");
      assertThat(hits.get()).isEqualTo(1);
      assertThat(a.getRequestCount()).isEqualTo(1);
      assertThat(b.getRequestCount()).isZero();
    }
  }
}
