package dev.frontdesk.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseCacheTest extends CacheTestSupport {
  @Test
  void aFreshResponseIsServedFromTheCacheByteForByte() {
    start(cache().build());
    upstream.enqueue(
        ok(
            "hello",
            "Cache-Control: max-age=60",
            "ETag: \"v1\"",
            "X-Custom: a",
            "X-Custom: b",
            "Content-Type: text/plain; charset=utf-8"));

    Response miss = get("/things/1");
    assertThat(miss.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; stored");
    assertThat(body(miss)).isEqualTo("hello");
    clock.advance(Duration.ofSeconds(5));
    Response hit = get("/things/1");

    assertThat(hit.status()).isEqualTo(200);
    assertThat(hit.header("Age")).isEqualTo("5");
    assertThat(hit.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=55");
    assertThat(without(hit.headers(), "Age", "Cache-Status"))
        .isEqualTo(without(miss.headers(), "Cache-Status"));
    assertThat(hit.body().contentLength()).isEqualTo(5);
    assertThat(body(hit)).isEqualTo("hello");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1} [{2}] for [{3}] is not stored: {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      200 | no-store                | -                 | -                        | no-store
      200 | private, max-age=60     | -                 | -                        | private
      200 | max-age=60              | Vary: *           | -                        | vary
      200 | max-age=60              | Set-Cookie: s=1   | -                        | set-cookie
      500 | max-age=60              | -                 | -                        | status
      201 | max-age=60              | -                 | -                        | status
      206 | max-age=60              | -                 | -                        | status
      200 | max-age=60              | -                 | Authorization: Bearer x  | authorization
      200 | max-age=60              | -                 | Cache-Control: no-store  | no-store
      200 | no-cache                | -                 | -                        | no-freshness
      200 | -                       | -                 | -                        | no-freshness
      200 | max-age=60              | Content-Type: text/event-stream | -          | streaming
      """)
  void responsesASharedCacheMustNotStoreGoUpstreamEveryTime(
      int status, String cacheControl, String responseHeader, String requestHeader, String detail) {
    start(cache().build());
    String[] responseHeaders =
        headers(cacheControl.equals("-") ? "-" : "Cache-Control: " + cacheControl, responseHeader);
    String[] requestHeaders = headers(requestHeader);
    upstream.enqueue(response(status, "one", responseHeaders));
    upstream.enqueue(response(status, "two", responseHeaders));

    Response first = get("/x", requestHeaders);
    assertThat(first.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=" + status + "; detail=" + detail);
    assertThat(body(first)).isEqualTo("one");
    assertThat(body(get("/x", requestHeaders))).isEqualTo("two");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"public, max-age=60", "s-maxage=60", "must-revalidate, max-age=60"})
  void aResponseToAnAuthorizedRequestIsStoredOnlyWhenItSaysSo(String cacheControl) {
    start(cache().build());
    upstream.enqueue(ok("shared", "Cache-Control: " + cacheControl));

    body(get("/x", "Authorization: Bearer a"));
    Response hit = get("/x", "Authorization: Bearer b");

    assertThat(hit.header("Cache-Status")).startsWith("frontdesk; hit");
    assertThat(body(hit)).isEqualTo("shared");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void sMaxageWinsOverMaxAge() {
    start(cache().build());
    upstream.enqueue(ok("one", "Cache-Control: max-age=100, s-maxage=10"));
    upstream.enqueue(ok("two", "Cache-Control: max-age=100, s-maxage=10"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(9));
    assertThat(body(get("/x"))).isEqualTo("one");
    clock.advance(Duration.ofSeconds(2));
    Response refetched = get("/x");

    // without a validator or a stale window nothing could use it any more: it was dropped
    assertThat(refetched.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; stored");
    assertThat(body(refetched)).isEqualTo("two");
  }

  @Test
  void expiresMinusDateIsTheFreshnessLifetimeWithoutMaxAge() {
    start(cache().build());
    upstream.enqueue(ok("one", "Date: " + httpDate(-10), "Expires: " + httpDate(20)));
    upstream.enqueue(ok("two"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(19)); // 30 s of freshness, of which it arrived 10 s old
    Response hit = get("/x");
    assertThat(hit.header("Age")).isEqualTo("29");
    assertThat(body(hit)).isEqualTo("one");
    clock.advance(Duration.ofSeconds(2));
    assertThat(body(get("/x"))).isEqualTo("two");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rfc850-date", "asctime-date"})
  void expiresAndDateInAnObsoleteFormStillGiveTheFreshnessLifetime(String form) {
    start(cache().build());
    upstream.enqueue(ok("one", "Date: " + httpDate(-10, form), "Expires: " + httpDate(20, form)));
    upstream.enqueue(ok("two"));

    Response miss = get("/x");
    assertThat(miss.header("Cache-Status"))
        .isEqualTo("frontdesk; fwd=uri-miss; fwd-status=200; stored");
    assertThat(body(miss)).isEqualTo("one");
    clock.advance(Duration.ofSeconds(19)); // 30 s of freshness, of which it arrived 10 s old
    Response hit = get("/x");
    assertThat(hit.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=1");
    assertThat(hit.header("Age")).isEqualTo("29");
    assertThat(body(hit)).isEqualTo("one");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(body(get("/x"))).isEqualTo("two");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anInvalidExpiresMeansAlreadyExpired() {
    start(cache().build());
    upstream.enqueue(ok("one", "Expires: 0"));
    upstream.enqueue(ok("two"));

    body(get("/x"));
    assertThat(body(get("/x"))).isEqualTo("two");
  }

  @Test
  void anUpstreamAgeCountsTowardsFreshness() {
    start(cache().build());
    upstream.enqueue(ok("one", "Cache-Control: max-age=60", "Age: 50"));
    upstream.enqueue(ok("two"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(5));
    Response hit = get("/x");
    assertThat(hit.header("Age")).isEqualTo("55");
    body(hit);
    clock.advance(Duration.ofSeconds(6));
    assertThat(body(get("/x"))).isEqualTo("two");
  }

  @Test
  void theDefaultTtlAppliesToResponsesThatStateNoFreshness() {
    start(cache().defaultTtl(Duration.ofSeconds(30)).build());
    upstream.enqueue(ok("one"));
    upstream.enqueue(ok("two"));

    body(get("/x"));
    clock.advance(Duration.ofSeconds(29));
    assertThat(body(get("/x"))).isEqualTo("one");
    clock.advance(Duration.ofSeconds(2));
    assertThat(body(get("/x"))).isEqualTo("two");
  }

  @Test
  void varyKeepsOneVariantPerValueOfTheVariedRequestFields() {
    start(cache().build());
    upstream.enqueue(ok("hello", "Cache-Control: max-age=60", "Vary: Accept-Language"));
    upstream.enqueue(ok("bonjour", "Cache-Control: max-age=60", "Vary: Accept-Language"));

    assertThat(body(get("/greeting", "Accept-Language: en"))).isEqualTo("hello");
    Response fr = get("/greeting", "Accept-Language: fr");
    assertThat(fr.header("Cache-Status")).startsWith("frontdesk; fwd=vary-miss");
    assertThat(body(fr)).isEqualTo("bonjour");
    assertThat(body(get("/greeting", "Accept-Language: en"))).isEqualTo("hello");
    assertThat(body(get("/greeting", "Accept-Language: fr"))).isEqualTo("bonjour");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void varyComparesTheVariedFieldAsAListWhateverItsSpacingOrLines() {
    start(cache().build());
    upstream.enqueue(ok("en-fr", "Cache-Control: max-age=60", "Vary: Accept-Language"));
    upstream.enqueue(ok("none", "Cache-Control: max-age=60", "Vary: Accept-Language"));

    assertThat(body(get("/greeting", "Accept-Language: en, fr"))).isEqualTo("en-fr");
    Response sameList = get("/greeting", "Accept-Language: en,fr");
    assertThat(sameList.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    assertThat(body(sameList)).isEqualTo("en-fr");
    assertThat(body(get("/greeting", "Accept-Language: en", "Accept-Language:  fr ")))
        .isEqualTo("en-fr");
    Response absent = get("/greeting");
    assertThat(absent.header("Cache-Status")).startsWith("frontdesk; fwd=vary-miss");
    assertThat(body(absent)).isEqualTo("none");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aHitNamesTheCachesNearerTheOriginBeforeItself() {
    start(cache().build());
    upstream.enqueue(
        ok(
            "hello",
            "Cache-Status: origin-cache; hit",
            "Cache-Control: max-age=60",
            "Cache-Status: cdn; fwd=miss",
            "X-After: 1"));

    Response miss = get("/x");
    assertThat(miss.header("Cache-Status"))
        .isEqualTo(
            "origin-cache; hit, cdn; fwd=miss, frontdesk; fwd=uri-miss; fwd-status=200; stored");
    body(miss);
    clock.advance(Duration.ofSeconds(2));
    Response hit = get("/x");

    assertThat(hit.headers().values("Cache-Status"))
        .containsExactly("origin-cache; hit, cdn; fwd=miss, frontdesk; hit; ttl=58");
    assertThat(hit.headers().name(hit.headers().size() - 2)).isEqualTo("Age");
    assertThat(hit.headers().name(hit.headers().size() - 1)).isEqualTo("Cache-Status");
    assertThat(without(hit.headers(), "Age", "Cache-Status"))
        .isEqualTo(without(miss.headers(), "Cache-Status"));
    assertThat(body(hit)).isEqualTo("hello");
  }

  @Test
  void headIsAnsweredFromAStoredGetWithoutItsBody() {
    start(cache().build());
    upstream.enqueue(ok("hello", "Cache-Control: max-age=60"));

    body(get("/x"));
    Response head = send("HEAD", "/x");

    assertThat(head.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    assertThat(head.body().contentLength()).isEqualTo(5);
    assertThat(body(head)).isEmpty();
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRangeRequestGoesUpstreamInsteadOfGettingTheWholeStoredBody() {
    start(cache().build());
    upstream.enqueue(ok("hello world", "Cache-Control: max-age=60"));
    upstream.enqueue(
        response(206, "hello", "Content-Range: bytes 0-4/11", "Cache-Control: max-age=60"));

    body(get("/x"));
    Response partial = get("/x", "Range: bytes=0-4");

    assertThat(partial.status()).isEqualTo(206);
    assertThat(partial.header("Cache-Status")).isEqualTo("frontdesk; fwd=bypass; fwd-status=206");
    assertThat(body(partial)).isEqualTo("hello");
    TestUpstreams.take(upstream);
    assertThat(TestUpstreams.take(upstream).getHeaders().get("Range")).isEqualTo("bytes=0-4");
    Response whole = get("/x");
    assertThat(whole.header("Cache-Status")).isEqualTo("frontdesk; hit; ttl=60");
    assertThat(body(whole)).isEqualTo("hello world");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void purgeRemovesAKeyAndPurgePrefixEveryKeyUnderIt() {
    ResponseCache cache = cache().defaultTtl(Duration.ofMinutes(1)).build();
    start(cache);
    for (int i = 0; i < 6; i++) {
      upstream.enqueue(ok("r" + i));
    }
    body(get("/a/1"));
    body(get("/a/2"));
    body(get("/b"));

    cache.purge("http://localhost/b");
    assertThat(cache.purgePrefix("http://localhost/a/")).isEqualTo(2);
    assertThat(cache.estimatedSize()).isZero();
    assertThat(body(get("/a/1"))).isEqualTo("r3");
    assertThat(upstream.getRequestCount()).isEqualTo(4);
  }

  @Test
  void aSuccessfulUnsafeRequestInvalidatesWhatIsStoredForItsUri() {
    start(cache().defaultTtl(Duration.ofMinutes(1)).build());
    upstream.enqueue(ok("before"));
    upstream.enqueue(response(204, ""));
    upstream.enqueue(ok("after"));

    body(get("/x"));
    body(send("DELETE", "/x"));
    assertThat(body(get("/x"))).isEqualTo("after");
  }

  @Test
  void aCustomKeyCachesPerConsumerAndANullKeyLeavesARequestUncached() {
    start(
        cache()
            .defaultTtl(Duration.ofMinutes(1))
            .key(
                r ->
                    r.header("X-Consumer") == null
                        ? null
                        : r.header("X-Consumer") + " " + ResponseCache.uriKey(r))
            .build());
    for (String b : new String[] {"for a", "for b", "anonymous", "anonymous again"}) {
      upstream.enqueue(ok(b));
    }

    assertThat(body(get("/x", "X-Consumer: a"))).isEqualTo("for a");
    assertThat(body(get("/x", "X-Consumer: b"))).isEqualTo("for b");
    assertThat(body(get("/x", "X-Consumer: a"))).isEqualTo("for a");
    assertThat(body(get("/x"))).isEqualTo("anonymous");
    assertThat(body(get("/x"))).isEqualTo("anonymous again");
  }

  @Test
  void theDefaultKeyIsTheTargetUri() {
    assertThat(
            ResponseCache.uriKey(
                Request.builder()
                    .scheme("https")
                    .host("API.example.com")
                    .port(443)
                    .target("/p?q=1")
                    .build()))
        .isEqualTo("https://api.example.com/p?q=1");
    assertThat(ResponseCache.uriKey(Request.builder().host("h").port(8080).target("/").build()))
        .isEqualTo("http://h:8080/");
  }

  @Test
  void theDefaultKeyKeepsAPortThatIsNotTheSchemesAndTheQuery() {
    assertThat(
            ResponseCache.uriKey(Request.builder().host("h").port(8080).target("/p?q=1&r").build()))
        .isEqualTo("http://h:8080/p?q=1&r");
    assertThat(
            ResponseCache.uriKey(
                Request.builder().scheme("https").host("h").port(80).target("/p").build()))
        .isEqualTo("https://h:80/p");
    assertThat(ResponseCache.uriKey(Request.builder().host("h").port(80).target("/p?").build()))
        .isEqualTo("http://h/p?");
  }

  @Test
  void theCacheIsBoundedByEntries() {
    ResponseCache cache = cache().maximumEntries(3).defaultTtl(Duration.ofMinutes(1)).build();
    start(cache);
    for (int i = 0; i < 10; i++) {
      upstream.enqueue(ok("r" + i));
      body(get("/x/" + i));
    }
    assertThat(cache.estimatedSize()).isBetween(1L, 3L);
  }

  @Test
  void theCacheIsBoundedByBytes() {
    ResponseCache cache =
        cache().maximumBytes(10_000).maxBodySize(4_000).defaultTtl(Duration.ofMinutes(1)).build();
    start(cache);
    String big = "x".repeat(3_000);
    for (int i = 0; i < 10; i++) {
      upstream.enqueue(ok(big));
      body(get("/x/" + i));
    }
    assertThat(cache.estimatedSize()).isBetween(1L, 3L);
  }

  @Test
  void otherMethodsPassThroughUntouched() {
    start(cache().defaultTtl(Duration.ofMinutes(1)).build());
    upstream.enqueue(ok("created"));
    upstream.enqueue(ok("created again"));

    Response post = send("POST", "/x");
    assertThat(post.header("Cache-Status")).isNull();
    assertThat(body(post)).isEqualTo("created");
    assertThat(body(send("POST", "/x"))).isEqualTo("created again");
  }

  private static Headers without(Headers headers, String... names) {
    Headers.Builder b = headers.newBuilder();
    for (String name : names) {
      b.remove(name);
    }
    return b.build();
  }

  private static String[] headers(String... maybe) {
    return java.util.Arrays.stream(maybe).filter(h -> !h.equals("-")).toArray(String[]::new);
  }
}
