package dev.frontdesk.gateway.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Hot reload where the gateway is hosted: swapping the gateway of a {@code GatewayHolder} while
 * clients keep sending loses no request; each is answered whole by the old or the new gateway, and
 * every replaced gateway is closed once idle.
 */
abstract class GatewaySwapSuite extends ServletFixture {
  /** Time inside the gateway before the upstream call (as an authentication check takes). */
  private static final dev.frontdesk.gateway.Middleware SLOW_CHECK =
      chain -> {
        try {
          Thread.sleep(3);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return chain.proceed(chain.request());
      };

  @Test
  void swappingUnderConcurrentTrafficLosesNoRequest() throws Exception {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            // Slow enough that every swap happens while requests are inside the old gateway.
            return new MockResponse.Builder()
                .headersDelay(5, TimeUnit.MILLISECONDS)
                .body("upstream saw " + request.getHeaders().get("X-Version"))
                .build();
          }
        });
    List<Gateway> replaced = new ArrayList<>();
    use(b -> version(b, 0));
    AtomicBoolean sending = new AtomicBoolean(true);
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      running.add(
          clients.submit(
              () -> {
                while (sending.get()) {
                  HttpResponse<String> response = get("/api/x");
                  answers
                      .computeIfAbsent(
                          response.statusCode() + " " + response.body(), k -> new AtomicInteger())
                      .incrementAndGet();
                  done.incrementAndGet();
                }
                return null;
              }));
    }
    for (int v = 1; v <= 6; v++) {
      int version = v;
      awaitMore(done, 16);
      replaced.add(gateway.current());
      use(b -> version(b, version));
    }
    awaitMore(done, 16);
    sending.set(false);
    for (Future<?> f : running) {
      f.get(30, TimeUnit.SECONDS);
    }
    clients.shutdown();

    Set<String> expected = new java.util.HashSet<>();
    for (int v = 0; v <= 6; v++) {
      expected.add("200 upstream saw v" + v);
    }
    assertThat(answers.keySet()).isSubsetOf(expected).contains("200 upstream saw v6");
    int total = answers.values().stream().mapToInt(AtomicInteger::get).sum();
    assertThat(total).isGreaterThan(100);
    assertThat(upstream.getRequestCount()).isEqualTo(total);
    assertThat(replaced).allSatisfy(old -> assertThat(old.isAcceptingRequests()).isFalse());
    assertThat(gateway.current().isAcceptingRequests()).isTrue();
  }

  /** Waits until {@code more} further requests have been answered (at most 30 s). */
  private static void awaitMore(AtomicInteger done, int more) throws InterruptedException {
    int target = done.get() + more;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (done.get() < target && System.nanoTime() < end) {
      Thread.sleep(1);
    }
  }

  private dev.frontdesk.gateway.Gateway.Builder version(
      dev.frontdesk.gateway.Gateway.Builder b, int v) {
    return b.route(
        "api",
        r ->
            r.path("/api/**")
                .use(
                    SLOW_CHECK,
                    dev.frontdesk.gateway.Middlewares.setRequestHeader("X-Version", "v" + v))
                .proxyTo(upstream.url("/").toString()));
  }
}
