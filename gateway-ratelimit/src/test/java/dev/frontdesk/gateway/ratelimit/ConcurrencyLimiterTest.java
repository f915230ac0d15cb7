package dev.frontdesk.gateway.ratelimit;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {
  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService clients = Executors.newCachedThreadPool();
  private MockWebServer upstream;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = new MockWebServer();
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getTarget().startsWith("/slow")) {
              arrived.countDown();
              release.await(30, TimeUnit.SECONDS);
            }
            return new MockResponse.Builder().code(200).body("done").build();
          }
        });
    upstream.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    clients.shutdownNow();
    upstream.close();
  }

  private Gateway gateway(ConcurrencyLimiter limiter) {
    return Gateway.builder()
        .route("slow", r -> r.path("/slow/**").use(limiter).proxyTo(upstream.url("/").toString()))
        .route("fast", r -> r.path("/fast/**").use(limiter).proxyTo(upstream.url("/").toString()))
        .build();
  }

  private Future<Integer> sendInBackground(Gateway gateway, String path) {
    return clients.submit(() -> status(gateway.handle(Request.of("GET", path))));
  }

  @Test
  void aRequestOverTheCapIsAnswered503WithRetryAfterWithoutWaiting() throws Exception {
    ConcurrencyLimiter limiter =
        ConcurrencyLimiter.builder().maxConcurrent(1).retryAfter(Duration.ofSeconds(2)).build();
    try (Gateway gateway = gateway(limiter)) {
      Future<Integer> first = sendInBackground(gateway, "/slow/1");
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
      Response second = gateway.handle(Request.of("GET", "/slow/2"));
      assertThat(second.status()).isEqualTo(503);
      assertThat(second.header("Retry-After")).isEqualTo("2");
      assertThat(second.header("Content-Type")).isEqualTo("application/problem+json");
      JsonNode body = problem(second);
      assertThat(body.get("detail").asText())
          .isEqualTo("too many requests in progress (at most 1)");
      assertThat(status(gateway.handle(Request.of("GET", "/fast/1")))).isEqualTo(200);
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(status(gateway.handle(Request.of("GET", "/slow/3")))).isEqualTo(200);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(3);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/slow/1");
  }

  @Test
  void aRequestOverTheCapWaitsForASlotUpToTheConfiguredTime() throws Exception {
    ConcurrencyLimiter limiter =
        ConcurrencyLimiter.builder().maxConcurrent(1).maxWait(Duration.ofSeconds(30)).build();
    try (Gateway gateway = gateway(limiter)) {
      Future<Integer> first = sendInBackground(gateway, "/slow/1");
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Integer> second = sendInBackground(gateway, "/slow/2");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (limiter.waiting("route:slow") == 0 && System.nanoTime() < deadline) {
        Thread.yield(); // until the second request is parked on the limiter, not for time to pass
      }
      assertThat(limiter.waiting("route:slow")).isEqualTo(1);
      assertThat(second.isDone()).isFalse();
      assertThat(upstream.getRequestCount()).isEqualTo(1);
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(limiter.inFlight("route:slow")).isZero();
      assertThat(limiter.waiting("route:slow")).isZero();
    }
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aWaitThatRunsOutEndsIn503() throws Exception {
    ConcurrencyLimiter limiter =
        ConcurrencyLimiter.builder().maxConcurrent(1).maxWait(Duration.ofMillis(200)).build();
    try (Gateway gateway = gateway(limiter)) {
      Future<Integer> first = sendInBackground(gateway, "/slow/1");
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      assertThat(status(gateway.handle(Request.of("GET", "/slow/2")))).isEqualTo(503);
      assertThat(System.nanoTime() - start)
          .isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSlotIsHeldUntilTheStreamedResponseBodyIsClosed() throws Exception {
    ConcurrencyLimiter limiter = ConcurrencyLimiter.builder().maxConcurrent(1).build();
    try (Gateway gateway = gateway(limiter)) {
      Response open = gateway.handle(Request.of("GET", "/fast/1"));
      assertThat(open.status()).isEqualTo(200);
      assertThat(limiter.inFlight("route:fast")).isEqualTo(1);
      assertThat(status(gateway.handle(Request.of("GET", "/fast/2")))).isEqualTo(503);
      assertThat(open.body().string()).isEqualTo("done");
      open.close();
      assertThat(limiter.inFlight("route:fast")).isZero();
      assertThat(status(gateway.handle(Request.of("GET", "/fast/3")))).isEqualTo(200);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  /** An Error (a stack overflow in a transform, an assertion) must not keep the slot forever. */
  @Test
  void anErrorInALaterMiddlewareReleasesTheSlot() throws Exception {
    ConcurrencyLimiter limiter = ConcurrencyLimiter.builder().maxConcurrent(1).build();
    Middleware failsOnce =
        chain -> {
          if (chain.request().path().endsWith("/boom")) {
            throw new StackOverflowError("deep transform");
          }
          return chain.proceed(chain.request());
        };
    try (Gateway gateway =
        Gateway.builder()
            .route(
                "fast",
                r ->
                    r.path("/fast/**")
                        .use(limiter, failsOnce)
                        .proxyTo(upstream.url("/").toString()))
            .build()) {
      assertThatThrownBy(() -> gateway.handle(Request.of("GET", "/fast/boom")))
          .isInstanceOf(StackOverflowError.class);
      assertThat(limiter.inFlight("route:fast")).isZero();
      try (Response next = gateway.handle(Request.of("GET", "/fast/1"))) {
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body().string()).isEqualTo("done");
      }
    }
    assertThat(upstream.getRequestCount()).isEqualTo(1);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/fast/1");
  }

  @Test
  void perClientKeysCapEachClientSeparately() throws Exception {
    ConcurrencyLimiter limiter =
        ConcurrencyLimiter.builder().maxConcurrent(1).key(KeyResolver.clientAddress()).build();
    try (Gateway gateway = gateway(limiter)) {
      Response a =
          gateway.handle(Request.builder().target("/fast/1").remoteAddress("192.0.2.1").build());
      Response b =
          gateway.handle(Request.builder().target("/fast/1").remoteAddress("192.0.2.2").build());
      assertThat(a.status()).isEqualTo(200);
      assertThat(b.status()).isEqualTo(200);
      assertThat(
              status(
                  gateway.handle(
                      Request.builder().target("/fast/2").remoteAddress("192.0.2.1").build())))
          .isEqualTo(503);
      a.close();
      b.close();
    }
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }
}
