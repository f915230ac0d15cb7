package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * A gateway stopped gracefully lets the requests inside finish, turns new ones away, and leaves no
 * thread.
 */
class ShutdownTest {
  private final MockWebServer upstream = new MockWebServer();
  private final ExecutorService clients = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() throws InterruptedException {
    clients.shutdownNow();
    clients.awaitTermination(5, TimeUnit.SECONDS);
    upstream.close();
  }

  private void slowUpstream(long delayMillis) throws IOException {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .headersDelay(delayMillis, TimeUnit.MILLISECONDS)
                .body("done " + request.getTarget())
                .build();
          }
        });
    upstream.start();
  }

  private Gateway gateway() {
    return Gateway.builder()
        .upstream(
            Upstream.builder("slow")
                .instance(baseUrl(upstream))
                .healthCheck(
                    HealthCheck.builder("/health").interval(Duration.ofMillis(200)).build())
                .build())
        .route("slow", r -> r.path("/slow/**").proxyToUpstream("slow"))
        .build();
  }

  private CompletableFuture<String> send(Gateway gateway, String path) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Response response = gateway.handle(Request.of("GET", path))) {
            return response.status() + " " + response.body().string();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        clients);
  }

  @Test
  void requestsInFlightFinishNewOnesAre503AndNoGatewayThreadIsLeft() throws Exception {
    slowUpstream(600);
    java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
    Gateway gateway = gateway();
    List<CompletableFuture<String>> inFlight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inFlight.add(send(gateway, "/slow/" + i));
    }
    TestUpstreams.take(upstream);
    while (upstream.getRequestCount() < 4) { // the health check and the three requests
      Thread.onSpinWait();
    }
    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(() -> gateway.shutdown(Duration.ofSeconds(10)));
    while (gateway.isAcceptingRequests()) {
      Thread.onSpinWait();
    }

    Response late = gateway.handle(Request.of("GET", "/slow/late"));
    assertThat(late.status()).isEqualTo(503);
    assertThat(late.header("Connection")).isEqualTo("close");
    assertThat(late.header("Retry-After")).isEqualTo("1");
    assertThat(problem(late).get("detail").asText())
        .isEqualTo("the gateway is shutting down; retry on another instance");

    for (int i = 0; i < 3; i++) {
      assertThat(inFlight.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("200 done /slow/" + i);
    }
    assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(gatewayThreadsStartedSince(before)).isEmpty();
    List<String> targets = new ArrayList<>();
    for (int i = upstream.getRequestCount(); i > 0; i--) {
      RecordedRequest r = upstream.takeRequest(1, TimeUnit.SECONDS);
      if (r != null) {
        targets.add(r.getTarget());
      }
    }
    assertThat(targets).doesNotContain("/slow/late");
  }

  @Test
  void aGraceShorterThanTheSlowestRequestReportsFalseAndStillCloses() throws Exception {
    slowUpstream(1_500);
    Gateway gateway = gateway();
    CompletableFuture<String> slow = send(gateway, "/slow/1");
    while (upstream.getRequestCount() < 2) {
      Thread.onSpinWait();
    }

    assertThat(gateway.shutdown(Duration.ofMillis(100))).isFalse();
    assertThat(gateway.isAcceptingRequests()).isFalse();
    assertThat(slow.get(10, TimeUnit.SECONDS))
        .isEqualTo("200 done /slow/1"); // it had been sent already
  }

  /** A gateway on {@code clock} whose one route holds each request until {@code release}. */
  private static Gateway held(FakeClock clock, CountDownLatch entered, CountDownLatch release) {
    return Gateway.builder()
        .ticker(clock)
        .route(
            "held",
            r ->
                r.path("/held")
                    .handleWith(
                        request -> {
                          entered.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return Response.of(200);
                        }))
        .build();
  }

  @Test
  void shutdownReturnsWhenTheLastRequestInFlightCompletesWithoutWaitingOutItsGrace()
      throws Exception {
    FakeClock clock = new FakeClock(); // never advanced: only the request's end can end the wait
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Gateway gateway = held(clock, entered, release);
    CompletableFuture<Integer> held =
        CompletableFuture.supplyAsync(
            () -> gateway.handle(Request.of("GET", "/held")).status(), clients);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(() -> gateway.shutdown(Duration.ofHours(1)), clients);
    Poller.until("shutdown began", Duration.ofSeconds(5), () -> !gateway.isAcceptingRequests());
    assertThat(shutdown).isNotDone();

    release.countDown();

    assertThat(shutdown.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo(200);
  }

  @Test
  void theGraceIsMeasuredOnTheGatewaysTicker() throws Exception {
    FakeClock clock = new FakeClock();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Gateway gateway = held(clock, entered, release);
    CompletableFuture<Integer> held =
        CompletableFuture.supplyAsync(
            () -> gateway.handle(Request.of("GET", "/held")).status(), clients);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(() -> gateway.shutdown(Duration.ofMinutes(1)), clients);
    Poller.until("shutdown began", Duration.ofSeconds(5), () -> !gateway.isAcceptingRequests());

    clock.advance(Duration.ofSeconds(59));
    // a short real pause, only to give a shutdown that ignored the ticker the chance to return
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> shutdown.get(100, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
    clock.advance(Duration.ofSeconds(1));

    assertThat(shutdown.get(5, TimeUnit.SECONDS)).isFalse();
    release.countDown();
    assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo(200);
  }

  @Test
  void closingClosesCloseableMiddlewareOnceEvenWhenSeveralRoutesShareIt() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    class Owning implements Middleware, AutoCloseable {
      @Override
      public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request());
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    }
    Owning owning = new Owning();
    Gateway gateway =
        Gateway.builder()
            .use(owning)
            .route("a", r -> r.get("/a").use(owning).respond(200, "text/plain", "a"))
            .route("b", r -> r.get("/b").use(owning).respond(200, "text/plain", "b"))
            .build();
    try (Response a = gateway.handle(Request.of("GET", "/a"))) {
      assertThat(a.body().string()).isEqualTo("a");
    }

    gateway.close();
    gateway.close();

    assertThat(closed.get()).isEqualTo(1);
  }

  /**
   * The gateway threads alive that were not before (other tests' gateways may still have theirs).
   */
  private static List<String> gatewayThreadsStartedSince(java.util.Set<Thread> before)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> alive;
    do {
      alive =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.isAlive() && !before.contains(t))
              .map(Thread::getName)
              .filter(n -> n.startsWith("frontdesk-"))
              .toList();
      if (alive.isEmpty()) {
        return alive;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < end);
    return alive;
  }
}
