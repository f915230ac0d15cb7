package dev.frontdesk.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An invalidation (RFC 9111 §4.4) or a purge that overtakes a fetch of its key: what the fetch
 * brings back reaches its own client, but is not stored. Each test holds the upstream's answer
 * until the invalidation has happened, so no timing is left to chance.
 */
class InvalidationCacheTest extends CacheTestSupport {
  private static final String KEY = "http://localhost/x";
  private final ExecutorService clients = Executors.newCachedThreadPool();
  private final HeldUpstream held = new HeldUpstream();

  @AfterEach
  void releaseAndStopClients() {
    held.release();
    clients.shutdownNow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PUT", "POST", "DELETE", "purge", "purgePrefix", "purgeAll"})
  void aMissInFlightWhenItsKeyIsInvalidatedReachesItsClientButIsNotStored(String invalidation)
      throws Exception {
    ResponseCache cache = cache().build();
    start(cache);
    held.answers(1, ok("old", "Cache-Control: max-age=60"), ok("new", "Cache-Control: max-age=60"));

    Future<Response> inFlight = clients.submit(() -> get("/x"));
    held.awaitArrival();
    invalidate(invalidation, cache);
    held.release();
    Response old = inFlight.get(10, TimeUnit.SECONDS);

    assertThat(old.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; detail=invalidated");
    assertThat(body(old)).isEqualTo("old");
    Response next = get("/x");
    assertThat(next.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; stored");
    assertThat(body(next)).isEqualTo("new");
    Response hit = get("/x");
    assertThat(hit.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    assertThat(body(hit)).isEqualTo("new");
    boolean unsafe = invalidation.equals(invalidation.toUpperCase(java.util.Locale.ROOT));
    assertThat(methodsReceived())
        .isEqualTo(unsafe ? List.of("GET", invalidation, "GET") : List.of("GET", "GET"));
  }

  @Test
  void aBodyStillStreamingWhenItsKeyIsPurgedIsNotStored() {
    ResponseCache cache = cache().build();
    start(cache);
    held.answers(0, ok("old", "Cache-Control: max-age=60"), ok("new", "Cache-Control: max-age=60"));

    Response streaming = get("/x");
    cache.purge(KEY);
    assertThat(body(streaming)).isEqualTo("old");
    Response next = get("/x");

    assertThat(next.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; stored");
    assertThat(body(next)).isEqualTo("new");
    assertThat(methodsReceived()).isEqualTo(List.of("GET", "GET"));
  }

  @Test
  void aRequestWaitingForAnOvertakenFetchGoesUpstreamItself() throws Exception {
    ResponseCache cache = cache().coalescingWait(Duration.ofSeconds(30)).build();
    start(cache);
    held.answers(1, ok("old", "Cache-Control: max-age=60"), ok("new", "Cache-Control: max-age=60"));

    Future<Response> leader = clients.submit(() -> get("/x"));
    held.awaitArrival();
    cache.purge(KEY);
    Future<Response> waiting = clients.submit(() -> get("/x"));
    held.release();

    assertThat(body(leader.get(10, TimeUnit.SECONDS))).isEqualTo("old");
    Response fetched = waiting.get(10, TimeUnit.SECONDS);
    assertThat(fetched.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; stored");
    assertThat(body(fetched)).isEqualTo("new");
    assertThat(body(get("/x"))).isEqualTo("new");
    assertThat(methodsReceived()).isEqualTo(List.of("GET", "GET"));
  }

  @Test
  void aBackgroundRefreshOvertakenByAnInvalidationIsNotStored() throws Exception {
    Queue<Runnable> refreshes = new ArrayDeque<>();
    start(cache().refreshExecutor(refreshes::add).build());
    String window = "Cache-Control: max-age=10, stale-while-revalidate=60";
    held.answers(2, ok("v1", window), ok("v2", window), ok("v3", "Cache-Control: max-age=60"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(20));
    Response stale = get("/x");
    assertThat(stale.header("Cache-Status"))
        .isEqualTo("frontdesk; hit; ttl=-10; detail=stale-while-revalidate");
    assertThat(body(stale)).isEqualTo("v1");
    Future<?> refresh = clients.submit(refreshes.remove());
    held.awaitArrival();
    Response delete = send("DELETE", "/x");
    assertThat(delete.status()).isEqualTo(204);
    body(delete);
    held.release();
    refresh.get(10, TimeUnit.SECONDS);

    Response next = get("/x");
    assertThat(next.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; stored");
    assertThat(body(next)).isEqualTo("v3");
    assertThat(methodsReceived()).isEqualTo(List.of("GET", "GET", "DELETE", "GET"));
  }

  private void invalidate(String invalidation, ResponseCache cache) {
    switch (invalidation) {
      case "purge" -> cache.purge(KEY);
      case "purgePrefix" -> cache.purgePrefix("http://localhost/");
      case "purgeAll" -> cache.purgeAll();
      default -> {
        Response response = send(invalidation, "/x");
        assertThat(response.status()).isEqualTo(204);
        body(response);
      }
    }
  }

  /** The methods of every request the upstream received, in order. */
  private List<String> methodsReceived() {
    int count = upstream.getRequestCount();
    List<String> methods = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      methods.add(TestUpstreams.take(upstream).getMethod());
    }
    return methods;
  }

  /**
   * Answers GETs with the given responses in order, holding the {@code held}th (from 1; 0 for none)
   * until {@link #release()}; any other method gets a 204.
   */
  private final class HeldUpstream extends Dispatcher {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Queue<MockResponse> gets = new ArrayDeque<>();
    private int held;
    private int count;

    void answers(int held, MockResponse... responses) {
      this.held = held;
      gets.addAll(List.of(responses));
      upstream.setDispatcher(this);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (!request.getMethod().equals("GET")) {
        return response(204, "");
      }
      MockResponse next;
      boolean hold;
      synchronized (this) {
        next = gets.remove();
        hold = ++count == held;
      }
      if (hold) {
        arrived.countDown();
        released.await(10, TimeUnit.SECONDS);
      }
      return next;
    }

    void awaitArrival() throws InterruptedException {
      assertThat(arrived.await(10, TimeUnit.SECONDS))
          .as("the held GET reached the upstream")
          .isTrue();
    }

    void release() {
      released.countDown();
    }
  }
}
