package dev.frontdesk.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import dev.frontdesk.gateway.testing.WallClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RevalidationCacheTest extends CacheTestSupport {
  @Test
  void aStaleResponseIsRevalidatedAndA304RefreshesIt() {
    start(cache().build());
    upstream.enqueue(ok("body", "Cache-Control: max-age=10", "ETag: \"v1\"", "X-Version: 1"));
    upstream.enqueue(
        response(304, "", "Cache-Control: max-age=20", "ETag: \"v1\"", "X-Version: 2"));

    body(get("/x", "If-None-Match: \"client-tag\""));
    clock.advance(Duration.ofSeconds(11));
    Response revalidated = get("/x");

    assertThat(revalidated.status()).isEqualTo(200);
    assertThat(revalidated.header("X-Version")).isEqualTo("2");
    assertThat(revalidated.header("Cache-Control")).isEqualTo("max-age=20");
    assertThat(revalidated.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=stale; fwd-status=304; ttl=20");
    assertThat(body(revalidated)).isEqualTo("body");
    TestUpstreams.take(upstream);
    RecordedRequest conditional = TestUpstreams.take(upstream);
    assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");

    clock.advance(Duration.ofSeconds(15));
    Response hit = get("/x");
    assertThat(hit.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=5");
    assertThat(body(hit)).isEqualTo("body");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aWallClockSetBackMakesAStoredResponseStaleInsteadOfFreshForTheStep() {
    WallClock wall = new WallClock(START);
    start(ResponseCache.builder().clock(wall).build());
    upstream.enqueue(ok("body", "Cache-Control: max-age=60", "ETag: \"v1\""));
    upstream.enqueue(response(304, "", "Cache-Control: max-age=60", "ETag: \"v1\""));
    body(get("/x"));
    Response hit = get("/x");
    assertThat(hit.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    body(hit);

    wall.setBack(Duration.ofHours(1)); // an NTP correction: max-age=60 would last an hour more
    Response revalidated = get("/x");

    assertThat(revalidated.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=stale; fwd-status=304; ttl=60");
    assertThat(body(revalidated)).isEqualTo("body");
    TestUpstreams.take(upstream);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest(name = "[{0}] on a 304: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Set-Cookie: session=alice          | set-cookie
      Cache-Control: private, max-age=10 | private
      Cache-Control: no-store            | no-store
      """)
  void a304ThatMakesTheResponseUnstorableReachesItsClientOnlyAndLeavesTheStoredOneAlone(
      String field, String detail) {
    start(cache().build());
    upstream.enqueue(ok("body", "Cache-Control: max-age=10", "ETag: \"v1\""));
    upstream.enqueue(response(304, "", "ETag: \"v1\"", field));
    upstream.enqueue(response(304, "", "Cache-Control: max-age=10", "ETag: \"v1\""));
    String name = field.substring(0, field.indexOf(':'));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(11));
    Response first = get("/x");
    assertThat(first.header(name)).isEqualTo(field.substring(name.length() + 1).strip());
    assertThat(first.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=stale; fwd-status=304; detail=" + detail);
    assertThat(body(first)).isEqualTo("body");
    Response next = get("/x");

    assertThat(next.header("Set-Cookie")).isNull();
    assertThat(next.header("Cache-Control")).isEqualTo("max-age=10");
    assertThat(next.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=stale; fwd-status=304; ttl=10");
    assertThat(body(next)).isEqualTo("body");
    TestUpstreams.take(upstream);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  @Test
  void lastModifiedIsSentAsIfModifiedSince() {
    start(cache().build());
    String lastModified = httpDate(-3600);
    upstream.enqueue(ok("body", "Cache-Control: max-age=10", "Last-Modified: " + lastModified));
    upstream.enqueue(response(304, ""));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(11));
    assertThat(body(get("/x"))).isEqualTo("body");

    TestUpstreams.take(upstream);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-Modified-Since"))
        .isEqualTo(lastModified);
  }

  @Test
  void aChangedResponseReplacesTheStoredOne() {
    start(cache().build());
    upstream.enqueue(ok("old", "Cache-Control: max-age=10", "ETag: \"v1\""));
    upstream.enqueue(ok("new", "Cache-Control: max-age=10", "ETag: \"v2\""));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(11));
    Response changed = get("/x");
    assertThat(changed.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=stale; fwd-status=200; stored");
    assertThat(body(changed)).isEqualTo("new");
    assertThat(body(get("/x"))).isEqualTo("new");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"v1\"", "W/\"v1\"", "\"v0\", \"v1\"", "*"})
  void aClientsMatchingIfNoneMatchIsAnswered304FromTheCache(String ifNoneMatch) {
    start(cache().build());
    upstream.enqueue(
        ok("body", "Cache-Control: max-age=60", "ETag: \"v1\"", "Content-Type: text/plain"));

    body(get("/x"));
    Response notModified = get("/x", "If-None-Match: " + ifNoneMatch);

    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.header("ETag")).isEqualTo("\"v1\"");
    assertThat(notModified.header("Cache-Control")).isEqualTo("max-age=60");
    assertThat(notModified.header("Content-Type")).isNull();
    assertThat(notModified.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    assertThat(body(notModified)).isEmpty();
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void ifNoneMatchStarIsAnswered304FromTheCacheEvenWithoutAStoredETag() {
    start(cache().build());
    upstream.enqueue(ok("body", "Cache-Control: max-age=60", "Content-Type: text/plain"));

    body(get("/x"));
    Response notModified = get("/x", "If-None-Match: *");

    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.header("ETag")).isNull();
    assertThat(notModified.header("Cache-Control")).isEqualTo("max-age=60");
    assertThat(notModified.header("Content-Type")).isNull();
    assertThat(notModified.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    assertThat(body(notModified)).isEmpty();
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-None-Match")).isNull();
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aClientsIfNoneMatchThatDiffersGetsTheWholeResponse() {
    start(cache().build());
    upstream.enqueue(ok("body", "Cache-Control: max-age=60", "ETag: \"v1\""));

    body(get("/x"));
    Response full = get("/x", "If-None-Match: \"v0\"");
    assertThat(full.status()).isEqualTo(200);
    assertThat(body(full)).isEqualTo("body");
  }

  @Test
  void aClientsIfModifiedSinceIsAnswered304WhenNothingChangedSince() {
    start(cache().build());
    upstream.enqueue(ok("body", "Cache-Control: max-age=60", "Last-Modified: " + httpDate(-60)));

    body(get("/x"));
    assertThat(get("/x", "If-Modified-Since: " + httpDate(-30)).status()).isEqualTo(304);
    assertThat(get("/x", "If-Modified-Since: " + httpDate(-90)).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "Last-Modified as {0}, If-Modified-Since as {1}")
  @CsvSource({
    "rfc850-date, IMF-fixdate",
    "asctime-date, IMF-fixdate",
    "IMF-fixdate, rfc850-date",
    "IMF-fixdate, asctime-date"
  })
  void datesInAnObsoleteFormAreComparedForIfModifiedSince(String stored, String asked) {
    start(cache().build());
    String lastModified = httpDate(-60, stored);
    upstream.enqueue(ok("body", "Cache-Control: max-age=60", "Last-Modified: " + lastModified));

    body(get("/x"));
    Response notModified = get("/x", "If-Modified-Since: " + httpDate(-30, asked));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.header("Last-Modified")).isEqualTo(lastModified);
    assertThat(notModified.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    assertThat(body(notModified)).isEmpty();
    Response modified = get("/x", "If-Modified-Since: " + httpDate(-90, asked));
    assertThat(modified.status()).isEqualTo(200);
    assertThat(body(modified)).isEqualTo("body");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRequestWithNoCacheIsRevalidatedEvenWhenFresh() {
    start(cache().build());
    upstream.enqueue(ok("body", "Cache-Control: max-age=60", "ETag: \"v1\""));
    upstream.enqueue(response(304, ""));

    body(get("/x"));
    Response validated = get("/x", "Cache-Control: no-cache");
    assertThat(validated.header("Cache-Status"))
        .startsWith("frontdesk; fwd=request; fwd-status=304");
    assertThat(body(validated)).isEqualTo("body");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void staleWhileRevalidateServesStaleWhileExactlyOneRefreshRuns() {
    Queue<Runnable> refreshes = new ArrayDeque<>();
    start(cache().refreshExecutor(refreshes::add).build());
    upstream.enqueue(
        ok("old", "Cache-Control: max-age=10, stale-while-revalidate=60", "ETag: \"v1\""));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(20));
    for (int i = 0; i < 3; i++) {
      Response stale = get("/x");
      assertThat(stale.header("Cache-Status"))
          .isEqualTo("frontdesk; hit; ttl=-10; detail=stale-while-revalidate");
      assertThat(stale.header("Age")).isEqualTo("20");
      assertThat(body(stale)).isEqualTo("old");
    }
    assertThat(refreshes).hasSize(1);
    assertThat(upstream.getRequestCount()).isEqualTo(1);

    upstream.enqueue(response(304, "", "Cache-Control: max-age=10"));
    refreshes.remove().run();
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-None-Match")).isNull();
    assertThat(TestUpstreams.take(upstream).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    Response fresh = get("/x");
    assertThat(fresh.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=10");
    assertThat(body(fresh)).isEqualTo("old");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aHeadServedStaleWhileRevalidatingRefreshesTheStoredGetWithABody() {
    Queue<Runnable> refreshes = new ArrayDeque<>();
    start(cache().refreshExecutor(refreshes::add).build());
    upstream.enqueue(ok("old", "Cache-Control: max-age=10, stale-while-revalidate=60"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(20));
    Response head = send("HEAD", "/x");
    assertThat(head.header("Cache-Status"))
        .isEqualTo("frontdesk; hit; ttl=-10; detail=stale-while-revalidate");
    assertThat(body(head)).isEmpty();

    upstream.enqueue(ok("new", "Cache-Control: max-age=10"));
    refreshes.remove().run();
    assertThat(TestUpstreams.take(upstream).getMethod()).isEqualTo("GET");
    assertThat(TestUpstreams.take(upstream).getMethod()).isEqualTo("GET");
    Response fresh = get("/x");
    assertThat(fresh.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=10");
    assertThat(body(fresh)).isEqualTo("new");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void staleWhileRevalidateEndsWithItsWindow() {
    Queue<Runnable> refreshes = new ArrayDeque<>();
    start(cache().refreshExecutor(refreshes::add).build());
    upstream.enqueue(ok("old", "Cache-Control: max-age=10, stale-while-revalidate=5"));
    upstream.enqueue(ok("new"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(16));
    assertThat(body(get("/x"))).isEqualTo("new");
    assertThat(refreshes).isEmpty();
  }

  @Test
  void staleIfErrorServesStaleWhenTheUpstreamAnswers5xx() {
    start(cache().build());
    upstream.enqueue(ok("old", "Cache-Control: max-age=10, stale-if-error=60"));
    upstream.enqueue(response(503, "down"));
    upstream.enqueue(response(503, "down"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(20));
    Response stale = get("/x");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=stale; fwd-status=503; ttl=-10; detail=stale-if-error");
    assertThat(body(stale)).isEqualTo("old");

    clock.advance(Duration.ofSeconds(60));
    Response failed = get("/x");
    assertThat(failed.status()).isEqualTo(503);
    assertThat(body(failed)).isEqualTo("down");
  }

  @Test
  void staleIfErrorServesStaleWhenTheUpstreamIsUnreachable() {
    start(cache().build());
    upstream.enqueue(ok("old", "Cache-Control: max-age=10, stale-if-error=60"));

    body(get("/x"));
    upstream.close();
    clock.advance(Duration.ofSeconds(20));
    Response stale = get("/x");

    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=stale; fwd-status=502; ttl=-10; detail=stale-if-error");
    assertThat(body(stale)).isEqualTo("old");
  }

  @Test
  void mustRevalidateForbidsServingStale() {
    start(cache().build());
    upstream.enqueue(
        ok("old", "Cache-Control: max-age=10, must-revalidate, stale-if-error=60", "ETag: \"v1\""));
    upstream.enqueue(response(503, "down"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(20));
    assertThat(get("/x").status()).isEqualTo(503);
  }
}
