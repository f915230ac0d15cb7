package dev.frontdesk.gateway.cache;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.cache.internal.CacheEngine;
import dev.frontdesk.gateway.cache.internal.CacheSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A shared HTTP cache (RFC 9111) as middleware, in memory, bounded by bytes and entries. It stores
 * GET responses that a shared cache may store, answers fresh hits without going upstream (with
 * {@code Age} and an RFC 9211 {@code Cache-Status}), revalidates stale ones with their {@code ETag}
 * or {@code Last-Modified}, honours {@code stale-while-revalidate} and {@code stale-if-error} (RFC
 * 5861), and sends one upstream request for many concurrent misses of the same key.
 *
 * <pre>{@code
 * ResponseCache cache = ResponseCache.builder()
 *     .maximumBytes(64L << 20)
 *     .defaultTtl(Duration.ofSeconds(30))     // for responses that state no freshness
 *     .build();
 * Gateway.builder()
 *     .route("products", r -> r.get("/api/products/**").use(cache).proxyToUpstream("products"));
 * }</pre>
 *
 * <p>Put it after authentication: a hit is answered where the cache sits, so middleware after it
 * does not run. One instance may serve several routes; it is thread-safe.
 */
public final class ResponseCache implements Middleware, AutoCloseable {
  private final CacheEngine engine;
  private final @Nullable ExecutorService ownExecutor;
  private final String description;

  private ResponseCache(CacheSettings settings, @Nullable ExecutorService ownExecutor) {
    this.engine = new CacheEngine(settings);
    this.ownExecutor = ownExecutor;
    this.description =
        "ResponseCache{"
            + settings.name()
            + ", "
            + settings.maximumBytes()
            + " bytes, "
            + settings.maximumEntries()
            + " entries, bodies up to "
            + settings.maxBodySize()
            + ", default ttl "
            + settings.defaultTtlMillis()
            + " ms}";
  }

  /** Starts a cache; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default key: the request's target URI, {@code scheme://host[:port]/path?query}, with the
   * port left out when it is the scheme's default ({@code http://api.example.com/products?page=2}).
   * Compose your own from it, such as a key per consumer.
   */
  public static String uriKey(Request request) {
    Objects.requireNonNull(request, "request");
    String scheme = request.scheme();
    String host = request.host();
    String path = request.path();
    String query = request.query();
    int port = request.port();
    // one concatenation per shape: the key is made on every request, without intermediate strings
    if (port == (scheme.equals("https") ? 443 : 80)) {
      return query == null
          ? scheme + "://" + host + path
          : scheme + "://" + host + path + "?" + query;
    }
    return query == null
        ? scheme + "://" + host + ":" + port + path
        : scheme + "://" + host + ":" + port + path + "?" + query;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return engine.intercept(chain);
  }

  /** Removes every stored response (every {@code Vary} variant) of this key. */
  public void purge(String key) {
    engine.purge(Objects.requireNonNull(key, "key"));
  }

  /**
   * Removes every key that starts with {@code prefix}, such as {@code
   * "http://api.example.com/products/"}; returns how many keys were removed.
   */
  public int purgePrefix(String prefix) {
    return engine.purgePrefix(Objects.requireNonNull(prefix, "prefix"));
  }

  /** Removes everything. */
  public void purgeAll() {
    engine.purgeAll();
  }

  /** About how many keys are stored now. */
  public long estimatedSize() {
    return engine.estimatedSize();
  }

  /** Stops the cache's own refresh threads; the gateway calls this when it closes. */
  @Override
  public void close() {
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Builds a {@link ResponseCache}. An option set again takes the last value; a bad value does not
   * throw where it is given (a null does, {@link NullPointerException}): it is recorded, the option
   * keeps its previous value, and {@link #build()} throws one {@link GatewayConfigException}
   * listing every mistake. Defaults: name {@code frontdesk}, 64 MiB, 10,000 entries, bodies up to 1
   * MiB, default TTL 0 (only responses with explicit freshness or a validator are stored), stale
   * responses with a validator kept 10 min for revalidation, coalescing wait 5 s, key {@link
   * #uriKey}, the system clock, refreshes on the cache's own daemon threads.
   */
  public static final class Builder {
    private String name = "frontdesk";
    private long maximumBytes = 64L << 20;
    private long maximumEntries = 10_000;
    private long maxBodySize = 1L << 20;
    private Duration defaultTtl = Duration.ZERO;
    private Duration staleRetention = Duration.ofMinutes(10);
    private Duration coalescingWait = Duration.ofSeconds(5);
    private Function<Request, @Nullable String> key = ResponseCache::uriKey;
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor refreshExecutor;
    private final BuilderProblems problems = new BuilderProblems("ResponseCache: ");

    private Builder() {}

    /**
     * The mistakes the setters recorded so far, each naming the cache: a bad value is recorded
     * instead of thrown, and {@link #build()} throws them all. For tools that point at their own
     * input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /** The cache's name in {@code Cache-Status}: a token. */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()
          || !name.chars()
              .allMatch(c -> c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0)) {
        problems.add("name must be a token: '" + name + "'");
      } else {
        this.name = name;
      }
      return this;
    }

    /** The most bytes stored responses may hold together (bodies, fields and bookkeeping). */
    public Builder maximumBytes(long maximumBytes) {
      problems.check(() -> this.maximumBytes = atLeast("maximumBytes", maximumBytes, 1));
      return this;
    }

    /** The most responses stored. */
    public Builder maximumEntries(long maximumEntries) {
      problems.check(() -> this.maximumEntries = atLeast("maximumEntries", maximumEntries, 1));
      return this;
    }

    /**
     * The largest body stored; larger ones stream through uncached, and are never buffered whole.
     * At most {@link #maximumBytes}.
     */
    public Builder maxBodySize(long maxBodySize) {
      problems.check(() -> this.maxBodySize = atLeast("maxBodySize", maxBodySize, 0));
      return this;
    }

    /**
     * How long a response that states no freshness ({@code max-age}, {@code s-maxage}, {@code
     * Expires}) stays fresh: RFC 9111 §4.2.2's heuristic freshness, decided by you. Zero stores
     * only responses with explicit freshness, or with a validator to revalidate each time.
     */
    public Builder defaultTtl(Duration defaultTtl) {
      Objects.requireNonNull(defaultTtl, "defaultTtl");
      problems.check(() -> this.defaultTtl = Durations.nonNegative(defaultTtl, "defaultTtl"));
      return this;
    }

    /**
     * How long past its freshness a response with an {@code ETag} or {@code Last-Modified} is kept,
     * so that it can be revalidated with a cheap 304 instead of fetched again.
     */
    public Builder staleRetention(Duration staleRetention) {
      Objects.requireNonNull(staleRetention, "staleRetention");
      problems.check(
          () -> this.staleRetention = Durations.nonNegative(staleRetention, "staleRetention"));
      return this;
    }

    /**
     * How long a miss waits for a concurrent miss of the same key to bring the response, before it
     * goes upstream itself.
     */
    public Builder coalescingWait(Duration coalescingWait) {
      Objects.requireNonNull(coalescingWait, "coalescingWait");
      problems.check(
          () -> this.coalescingWait = Durations.nonNegative(coalescingWait, "coalescingWait"));
      return this;
    }

    /**
     * The cache key of a request; null leaves the request uncached. Requests that differ only in
     * fields the response's {@code Vary} names share a key: the cache keeps a variant for each.
     *
     * <pre>{@code
     * .key(request -> {
     *   Identity id = request.attribute(Attributes.IDENTITY);
     *   return id == null ? null : id.subject() + " " + ResponseCache.uriKey(request);
     * })
     * }</pre>
     */
    public Builder key(Function<Request, @Nullable String> key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /** The clock for ages and freshness: tests move a clock instead of sleeping. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where {@code stale-while-revalidate} refreshes run; the cache's own threads by default. */
    public Builder refreshExecutor(Executor refreshExecutor) {
      this.refreshExecutor = Objects.requireNonNull(refreshExecutor, "refreshExecutor");
      return this;
    }

    /**
     * The cache.
     *
     * @throws GatewayConfigException listing every bad value the setters were given, and a
     *     maxBodySize over maximumBytes
     */
    public ResponseCache build() {
      problems.throwIfAny(
          maxBodySize <= maximumBytes
              ? List.of()
              : List.of(
                  "maxBodySize ("
                      + maxBodySize
                      + ") must not be over maximumBytes ("
                      + maximumBytes
                      + ")"));
      ExecutorService own = refreshExecutor == null ? refreshThreads(name) : null;
      Executor executor = refreshExecutor != null ? refreshExecutor : Objects.requireNonNull(own);
      return new ResponseCache(
          new CacheSettings(
              name,
              maximumBytes,
              maximumEntries,
              maxBodySize,
              defaultTtl.toMillis(),
              staleRetention.toMillis(),
              coalescingWait,
              key,
              clock,
              executor),
          own);
    }

    private static long atLeast(String option, long value, long min) {
      if (value < min) {
        throw new IllegalArgumentException(option + " must be at least " + min + ": " + value);
      }
      return value;
    }

    private static ExecutorService refreshThreads(String name) {
      AtomicInteger count = new AtomicInteger();
      return Executors.newCachedThreadPool(
          r -> {
            Thread t =
                new Thread(r, "frontdesk-cache-" + name + "-refresh-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
    }
  }
}
