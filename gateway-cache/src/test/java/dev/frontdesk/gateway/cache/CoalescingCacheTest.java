package dev.frontdesk.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class CoalescingCacheTest extends CacheTestSupport {
  @Test
  void oneHundredConcurrentMissesMakeOneUpstreamRequest() throws Exception {
    start(cache().build());
    upstream.setDispatcher(slowly(Duration.ofSeconds(1), "max-age=60"));

    List<String> answers = concurrently(100);

    assertThat(answers).hasSize(100).containsOnly("200 shared");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aMissThatWaitsLongerThanTheCoalescingWaitGoesUpstreamItself() throws Exception {
    start(cache().coalescingWait(Duration.ofMillis(50)).build());
    upstream.setDispatcher(slowly(Duration.ofMillis(700), "max-age=60"));

    assertThat(concurrently(2)).containsOnly("200 shared");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void concurrentMissesForAnUncacheableResponseEachGoUpstream() throws Exception {
    start(cache().build());
    upstream.setDispatcher(slowly(Duration.ofMillis(300), "no-store"));

    assertThat(concurrently(3)).containsOnly("200 shared");
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  /** {@code n} GETs of one URI, released together; each answer as "status body". */
  private List<String> concurrently(int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  Response response = get("/popular");
                  return response.status() + " " + body(response);
                }));
      }
      go.countDown();
      List<String> answers = new ArrayList<>();
      for (Future<String> f : futures) {
        answers.add(f.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Answers every request after {@code delay}, so that concurrent requests overlap. */
  private static Dispatcher slowly(Duration delay, String cacheControl) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder()
            .code(200)
            .addHeader("Cache-Control", cacheControl)
            .body("shared")
            .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
            .build();
      }
    };
  }
}
