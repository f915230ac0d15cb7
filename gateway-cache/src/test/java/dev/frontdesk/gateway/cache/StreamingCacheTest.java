package dev.frontdesk.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

class StreamingCacheTest extends CacheTestSupport {
  @Test
  void aBodyOverTheLimitStreamsThroughUncached() {
    start(cache().maxBodySize(1024).build());
    String big = "x".repeat(100_000);
    upstream.enqueue(ok(big, "Cache-Control: max-age=60"));
    upstream.enqueue(ok(big, "Cache-Control: max-age=60"));

    Response first = get("/big");
    assertThat(first.header("Cache-Status")).endsWith("detail=too-large");
    assertThat(body(first)).isEqualTo(big);
    assertThat(body(get("/big"))).isEqualTo(big);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aChunkedBodyThatOutgrowsTheLimitIsPassedOnWholeAndNotStored() {
    start(cache().maxBodySize(1024).build());
    String big = "y".repeat(100_000);
    for (int i = 0; i < 2; i++) {
      upstream.enqueue(
          new MockResponse.Builder()
              .addHeader("Cache-Control", "max-age=60")
              .chunkedBody(big, 4096)
              .build());
    }

    assertThat(body(get("/big"))).isEqualTo(big);
    assertThat(body(get("/big"))).isEqualTo(big);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aChunkedBodyWithinTheLimitIsStoredWhenItEnds() {
    start(cache().build());
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Cache-Control", "max-age=60")
            .chunkedBody("z".repeat(10_000), 1000)
            .build());

    Response miss = get("/chunked");
    assertThat(miss.body().contentLength()).isEqualTo(-1);
    assertThat(miss.header("Cache-Status")).isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200");
    assertThat(body(miss)).hasSize(10_000);
    Response hit = get("/chunked");
    assertThat(hit.header("Cache-Status")).startsWith("frontdesk; hit");
    assertThat(hit.body().contentLength()).isEqualTo(10_000);
    assertThat(body(hit)).isEqualTo("z".repeat(10_000));
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aClientThatStopsReadingEarlyLeavesNothingStored() throws IOException {
    start(cache().build());
    upstream.enqueue(ok("z".repeat(10_000), "Cache-Control: max-age=60"));
    upstream.enqueue(ok("again", "Cache-Control: max-age=60"));

    try (Response miss = get("/x");
        InputStream in = miss.body().stream()) {
      assertThat(in.readNBytes(10)).hasSize(10);
    }
    assertThat(body(get("/x"))).isEqualTo("again");
  }

  @Test
  void bytesOfAnUnknownLengthReachTheClientAsTheyComeAndAreStoredAtTheEnd() throws Exception {
    assertStreamsLive("text/plain", "frontdesk; fwd=uri-miss; fwd-status=200", 1);
  }

  @Test
  void anEventStreamIsNeverHeldBackNorStored() throws Exception {
    assertStreamsLive(
        "text/event-stream", "frontdesk; fwd=uri-miss; fwd-status=200; detail=streaming", 2);
  }

  /**
   * An upstream (a handler the test feeds) writes one event and waits: the client must read that
   * event before the upstream writes anything more. Then the body ends.
   */
  private void assertStreamsLive(String contentType, String cacheStatus, int callsAfterSecondGet)
      throws Exception {
    ResponseCache cache = cache().build();
    AtomicInteger calls = new AtomicInteger();
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream source = new PipedInputStream(feed, 1024);
    try (Gateway g =
        Gateway.builder()
            .use(cache)
            .route(
                "live",
                r ->
                    r.get("/live")
                        .handleWith(
                            req -> {
                              if (calls.incrementAndGet() > 1) {
                                return Response.builder()
                                    .header("Content-Type", contentType)
                                    .body(Body.of("later"))
                                    .build();
                              }
                              return Response.builder()
                                  .header("Content-Type", contentType)
                                  .header("Cache-Control", "max-age=60")
                                  .body(Body.of(source, -1))
                                  .build();
                            }))
            .build()) {
      Response response = g.handle(Request.of("GET", "/live"));
      assertThat(response.header("Cache-Status")).isEqualTo(cacheStatus);
      // The upstream writes its second event only once the client has the first, or after 5 s:
      // a cache that held the first back would make the client wait those 5 s and fail below.
      java.util.concurrent.CountDownLatch clientHasFirst =
          new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicBoolean inTime =
          new java.util.concurrent.atomic.AtomicBoolean();
      Thread upstreamSide =
          new Thread(
              () -> {
                try {
                  feed.write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
                  feed.flush();
                  inTime.set(clientHasFirst.await(5, java.util.concurrent.TimeUnit.SECONDS));
                  feed.write("data: 2\n\n".getBytes(StandardCharsets.UTF_8));
                  feed.close();
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              "live-upstream");
      upstreamSide.start();
      try (InputStream in = response.body().stream()) {
        byte[] first = in.readNBytes(9);
        clientHasFirst.countDown();
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("data: 1\n\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: 2\n\n");
      }
      upstreamSide.join(10_000);
      assertThat(inTime)
          .as("the client had the first event before the upstream wrote the second")
          .isTrue();
      Response second = g.handle(Request.of("GET", "/live"));
      body(second);
      assertThat(calls.get()).isEqualTo(callsAfterSecondGet);
    }
  }
}
