package dev.frontdesk.gateway.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's request flow: look up, answer fresh hits, serve stale where RFC 5861 allows,
 * revalidate (RFC 9111 §4.3), fetch misses once per key, and store what §3 allows while the body
 * streams to the client.
 */
public final class CacheEngine {
  private static final Logger log = LoggerFactory.getLogger(CacheEngine.class);

  private final CacheSettings settings;
  private final String name;
  private final Cache<String, Variants> store;
  private final Coalescer coalescer = new Coalescer();
  private final Fetches fetches = new Fetches();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  public CacheEngine(CacheSettings settings) {
    this.settings = settings;
    this.name = settings.name();
    long slot = Math.max(1, -Math.floorDiv(-settings.maximumBytes(), settings.maximumEntries()));
    this.store =
        Caffeine.newBuilder()
            .maximumWeight(settings.maximumBytes())
            .weigher((String key, Variants v) -> v.weight(slot))
            .expireAfter(new Lifetime(settings.staleRetentionMillis()))
            .ticker(() -> settings.clock().millis() * 1_000_000L)
            .executor(
                Runnable::run) // evictions happen on the writing thread: no pool, no surprises
            .build();
  }

  public Response intercept(Middleware.Chain chain) throws IOException {
    Request request = chain.request();
    boolean head = request.method().equals("HEAD");
    if (!head && !request.method().equals("GET")) {
      return unsafe(chain, request);
    }
    String key = settings.key().apply(request);
    if (key == null) {
      return chain.proceed(request);
    }
    if (request.headers().contains("Range")) {
      // partial responses are neither stored nor cut from a stored one: the upstream answers
      return forwardOnly(chain, request, "bypass");
    }
    CacheControl asked = requestDirectives(request);
    long now = now();
    Variants variants = store.getIfPresent(key);
    StoredResponse stored = variants == null ? null : variants.match(request.headers());
    if (stored == null) {
      String fwd = variants == null ? "uri-miss" : "vary-miss";
      return head ? forwardOnly(chain, request, fwd) : fetch(chain, request, key, asked, null, fwd);
    }
    boolean demanded = validationDemanded(asked, stored, now);
    if (!demanded && stored.isFresh(now)) {
      return freshHit(request, stored, now);
    }
    if (!demanded && stored.servableWhileRevalidating(now)) {
      refreshInBackground(chain, request, key, asked, stored);
      return hit(
          request,
          stored,
          now,
          CacheStatus.hit(name, stored.ttlSeconds(now)).detail("stale-while-revalidate"));
    }
    String fwd = demanded ? "request" : "stale";
    return head ? forwardOnly(chain, request, fwd) : fetch(chain, request, key, asked, stored, fwd);
  }

  /** Removes every stored variant of {@code key}. */
  public void purge(String key) {
    fetches.invalidate(key); // first: a fetch under way must not store the key again
    store.invalidate(key);
  }

  /** Removes every key that starts with {@code prefix}; returns how many there were. */
  public int purgePrefix(String prefix) {
    fetches.invalidateIf(key -> key.startsWith(prefix));
    int removed = 0;
    for (String key : store.asMap().keySet()) {
      if (key.startsWith(prefix) && store.asMap().remove(key) != null) {
        removed++;
      }
    }
    return removed;
  }

  public void purgeAll() {
    fetches.invalidateIf(key -> true);
    store.invalidateAll();
  }

  public long estimatedSize() {
    store.cleanUp();
    return store.estimatedSize();
  }

  /**
   * A miss or a stale entry: one request per key goes upstream; the others wait for it, at most the
   * coalescing wait, then use what it stored or go upstream themselves.
   */
  private Response fetch(
      Middleware.Chain chain,
      Request request,
      String key,
      CacheControl asked,
      @Nullable StoredResponse stale,
      String fwd)
      throws IOException {
    Runnable whenDone = () -> {}; // a no-store request has nothing to share
    if (!asked.has("no-store")) {
      Coalescer.Ticket ticket = coalescer.join(key);
      if (!ticket.leader()) {
        ticket.awaitLeader(settings.coalescingWait());
        long now = now();
        Variants variants = store.getIfPresent(key);
        StoredResponse ready = variants == null ? null : variants.match(request.headers());
        if (ready != null && ready != stale && ready.isFresh(now)) {
          return hit(
              request, ready, now, CacheStatus.hit(name, ready.ttlSeconds(now)).param("collapsed"));
        }
      }
      whenDone = ticket;
    }
    Fetches.Fetch fetch = fetches.start(key, whenDone);
    try {
      return exchange(chain, request, key, asked, stale, fwd, fetch);
    } catch (IOException | RuntimeException e) {
      fetch.run();
      throw e;
    }
  }

  private Response exchange(
      Middleware.Chain chain,
      Request request,
      String key,
      CacheControl asked,
      @Nullable StoredResponse stale,
      String fwd,
      Fetches.Fetch fetch)
      throws IOException {
    StoredResponse revalidated = stale != null && stale.hasValidator() ? stale : null;
    Request outgoing =
        revalidated != null ? Conditionals.revalidating(request, revalidated) : request;
    long requestTime = now();
    Response response;
    try {
      response = chain.proceed(outgoing);
    } catch (IOException | GatewayException e) {
      if (stale != null && stale.servableOnError(now())) {
        fetch.run();
        return staleOnError(request, stale, e instanceof GatewayException g ? g.status() : 502);
      }
      throw e;
    }
    long responseTime = now();
    int status = response.status();
    if (revalidated != null && status == 304) {
      response.close();
      StoredResponse refreshed =
          revalidated.refreshed(
              response.headers(), requestTime, responseTime, settings.defaultTtlMillis());
      CacheStatus cacheStatus = CacheStatus.forward(name, fwd, 304);
      String refusal = refreshRefusal(fetch, request, asked, refreshed);
      if (refusal == null) {
        put(key, refreshed, fetch);
        cacheStatus.param("ttl", Long.toString(refreshed.ttlSeconds(responseTime)));
      }
      fetch.run();
      return hit(request, refreshed, responseTime, cacheStatus.detail(refusal));
    }
    if (stale != null && status >= 500 && stale.servableOnError(responseTime)) {
      response.close();
      fetch.run();
      return staleOnError(request, stale, status);
    }
    return admit(
        request,
        key,
        asked,
        response,
        requestTime,
        responseTime,
        CacheStatus.forward(name, fwd, status),
        fetch);
  }

  /** Stores the response if RFC 9111 §3 allows, teeing a streamed body on its way to the client. */
  private Response admit(
      Request request,
      String key,
      CacheControl asked,
      Response response,
      long requestTime,
      long responseTime,
      CacheStatus status,
      Fetches.Fetch fetch)
      throws IOException {
    StoredResponse described =
        StoredResponse.describe(
            request,
            response.status(),
            response.headers(),
            requestTime,
            responseTime,
            settings.defaultTtlMillis());
    String refusal =
        fetch.current()
            ? Admission.refusal(
                request, asked, described, response.body().contentLength(), settings)
            : "invalidated";
    if (refusal != null) {
      fetch.run();
      return annotated(response, status.detail(refusal));
    }
    Body body = response.body();
    long length = body.contentLength();
    if (body.isReplayable() || length == 0) {
      put(
          key,
          described.withBody(length == 0 ? new byte[0] : body.bytes(settings.maxBodySize())),
          fetch);
      fetch.run();
      return annotated(response, status.param("stored"));
    }
    InputStream tee =
        new CachingInputStream(
            body.stream(),
            settings.maxBodySize(),
            length,
            bytes -> put(key, described.withBody(bytes), fetch),
            fetch);
    if (length > 0) {
      status.param("stored"); // unknown lengths may yet turn out too large
    }
    return annotated(response.newBuilder().body(Body.of(tee, length)).build(), status);
  }

  /**
   * HEAD misses and Range requests go upstream as they are: a HEAD response has no body to store,
   * and a 206 only part of one.
   */
  private Response forwardOnly(Middleware.Chain chain, Request request, String fwd)
      throws IOException {
    Response response = chain.proceed(request);
    return annotated(response, CacheStatus.forward(name, fwd, response.status()));
  }

  /** RFC 9111 §4.4: a successful unsafe request invalidates what is stored for its URI. */
  private Response unsafe(Middleware.Chain chain, Request request) throws IOException {
    Response response = chain.proceed(request);
    String method = request.method();
    if (response.status() < 400 && !method.equals("OPTIONS") && !method.equals("TRACE")) {
      String key = settings.key().apply(request);
      if (key != null) {
        purge(key);
      }
    }
    return response;
  }

  private void refreshInBackground(
      Middleware.Chain chain,
      Request request,
      String key,
      CacheControl asked,
      StoredResponse stale) {
    if (!refreshing.add(key)) {
      return; // exactly one refresh per key at a time
    }
    try {
      settings
          .refreshExecutor()
          .execute(
              () -> {
                Fetches.Fetch fetch = fetches.start(key, () -> refreshing.remove(key));
                try {
                  refresh(chain, request, key, asked, stale, fetch);
                } catch (IOException | RuntimeException e) {
                  log.debug(
                      "cache '{}': background refresh of {} failed: {}", name, key, e.toString());
                } finally {
                  fetch.run();
                }
              });
    } catch (RejectedExecutionException e) {
      refreshing.remove(key);
    }
  }

  /**
   * Fetches {@code stale} again for the store. Always with a GET, even for a HEAD served stale:
   * what is stored is a GET's response, and a HEAD's bodiless answer would replace its body with
   * nothing.
   */
  private void refresh(
      Middleware.Chain chain,
      Request client,
      String key,
      CacheControl asked,
      StoredResponse stale,
      Fetches.Fetch fetch)
      throws IOException {
    Request request =
        client.method().equals("GET") ? client : client.newBuilder().method("GET").build();
    boolean conditional = stale.hasValidator();
    long requestTime = now();
    try (Response response =
        chain.proceed(conditional ? Conditionals.revalidating(request, stale) : request)) {
      long responseTime = now();
      if (conditional && response.status() == 304) {
        StoredResponse refreshed =
            stale.refreshed(
                response.headers(), requestTime, responseTime, settings.defaultTtlMillis());
        if (refreshRefusal(fetch, request, asked, refreshed) == null) {
          put(key, refreshed, fetch);
        }
        return;
      }
      StoredResponse described =
          StoredResponse.describe(
              request,
              response.status(),
              response.headers(),
              requestTime,
              responseTime,
              settings.defaultTtlMillis());
      long length = response.body().contentLength();
      if (Admission.refusal(request, asked, described, length, settings) == null) {
        put(key, described.withBody(response.body().bytes(settings.maxBodySize())), fetch);
      }
    }
  }

  /**
   * RFC 9111 §3 again for a stored response that a 304 updated: the fields the 304 brought (a
   * {@code Set-Cookie}, {@code private}, {@code no-store}) may make it one this cache must not
   * keep, and then it goes to this client only, the stored one staying as it was. So does it when
   * an invalidation overtook the revalidation.
   */
  private @Nullable String refreshRefusal(
      Fetches.Fetch fetch, Request request, CacheControl asked, StoredResponse refreshed) {
    if (!fetch.current()) {
      return "invalidated";
    }
    return Admission.refusal(request, asked, refreshed, refreshed.body.length, settings);
  }

  /**
   * A fresh hit, the common answer: its {@code Cache-Status} in one piece, {@code frontdesk; hit;
   * ttl=42}.
   */
  private Response freshHit(Request request, StoredResponse stored, long now) {
    return hit(
        request,
        stored,
        now,
        CacheStatus.hitValue(stored.earlierCacheStatus, name, stored.ttlSeconds(now)));
  }

  private Response hit(Request request, StoredResponse stored, long now, CacheStatus status) {
    return hit(request, stored, now, status.after(stored.earlierCacheStatus));
  }

  /**
   * The stored answer with its {@code Age} and this {@code Cache-Status}; its fields were made
   * ready when stored.
   */
  private Response hit(Request request, StoredResponse stored, long now, String cacheStatus) {
    String age = Long.toString(stored.currentAge(now) / 1000);
    if (Conditionals.notModified(request, stored, now)) {
      return Conditionals.notModifiedResponse(stored, age, cacheStatus);
    }
    int length = stored.body.length;
    Body body =
        request.method().equals("HEAD")
            ? Body.of(InputStream.nullInputStream(), length)
            : length == 0 ? Body.empty() : Body.of(new ByteArrayInputStream(stored.body), length);
    return Response.builder()
        .status(stored.status)
        .headers(stored.hitHeaders)
        .addHeader("Age", age)
        .addHeader("Cache-Status", cacheStatus)
        .body(body)
        .build();
  }

  private Response staleOnError(Request request, StoredResponse stale, int upstreamStatus) {
    long now = now();
    return hit(
        request,
        stale,
        now,
        CacheStatus.forward(name, "stale", upstreamStatus)
            .param("ttl", Long.toString(stale.ttlSeconds(now)))
            .detail("stale-if-error"));
  }

  private static Response annotated(Response response, CacheStatus status) {
    return response.newBuilder().header("Cache-Status", status.after(response.headers())).build();
  }

  /** Request no-cache (or HTTP/1.0's Pragma: no-cache), or max-age exceeded (RFC 9111 §5.2.1). */
  private static boolean validationDemanded(CacheControl asked, StoredResponse stored, long now) {
    Long maxAge = asked.seconds("max-age");
    return asked.has("no-cache") || (maxAge != null && stored.currentAge(now) > maxAge);
  }

  private static CacheControl requestDirectives(Request request) {
    List<String> cacheControl = request.headers().values("Cache-Control");
    if (!cacheControl.isEmpty()) {
      return CacheControl.of(cacheControl);
    }
    return "no-cache".equalsIgnoreCase(request.header("Pragma"))
        ? CacheControl.NO_CACHE
        : CacheControl.NONE; // §5.4
  }

  /**
   * Stores {@code response} unless an invalidation of its key overtook its fetch; checked within
   * the store's update of the key, so that no invalidation falls between the check and the write.
   */
  private void put(String key, StoredResponse response, Fetches.Fetch fetch) {
    store
        .asMap()
        .compute(
            key,
            (k, v) -> !fetch.current() ? v : v == null ? Variants.of(response) : v.with(response));
  }

  private long now() {
    return settings.clock().millis();
  }

  /** Entries live until nothing could use them: freshness plus the stale windows. */
  private static final class Lifetime implements Expiry<String, Variants> {
    private final long staleRetention;

    Lifetime(long staleRetention) {
      this.staleRetention = staleRetention;
    }

    @Override
    public long expireAfterCreate(String key, Variants value, long currentTime) {
      long at = value.expiresAt(staleRetention);
      if (at >= Long.MAX_VALUE / 1_000_000L) {
        return Long.MAX_VALUE;
      }
      return Math.max(0, at * 1_000_000L - currentTime);
    }

    @Override
    public long expireAfterUpdate(
        String key, Variants value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, Variants value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
