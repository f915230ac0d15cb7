package dev.frontdesk.benchmarks.cache;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.cache.ResponseCache;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache hit (issue 14: a hit must serve at least 3x a proxied miss), in process: {@code
 * gateway.handle} of a request whose answer a {@link ResponseCache} holds, the body read and the
 * response closed, as the servlet adapter would. {@code stored}: {@code plain} is what the loopback
 * benchmark's nginx answers (Server, Date, Content-Type, kept by the default TTL); {@code
 * validators} adds {@code ETag}, {@code Last-Modified}, {@code Cache-Control: max-age} and {@code
 * Vary: Accept-Encoding}, so a hit also checks a variant and the client's conditionals. {@code
 * baselineFixedResponse} is the cheapest answer a gateway can give the same request (a fixed
 * response, no cache): what the cache adds is the difference.
 *
 * <pre>
 * java -jar gateway-benchmarks/target/benchmarks.jar CacheHit -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CacheHitBenchmark {
  static final String JSON =
      "{\"id\":12345,\"name\":\"benchmark-item\",\"status\":\"active\",\"tags\":[\"alpha\","
          + "\"beta\",\"gamma\"],\"price\":19.99,\"currency\":\"EUR\",\"stock\":42,\"updated\":\"2025-01-01T00:00:00Z\","
          + "\"description\":\"fixed small json body for gw bench\"}";
  private static final byte[] BODY = JSON.getBytes(StandardCharsets.UTF_8);

  @Param({"plain", "validators"})
  public String stored;

  private final byte[] buffer = new byte[16 * 1024];
  private String date;
  private ResponseCache cache;
  private Gateway cached;
  private Gateway fixed;
  private Request request;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).withNano(0));
    cache = ResponseCache.builder().defaultTtl(Duration.ofHours(1)).build();
    cached =
        Gateway.builder()
            .use(cache)
            .route("api", r -> r.path("/api/**").handleWith(req -> upstream()))
            .build();
    fixed =
        Gateway.builder()
            .route("api", r -> r.path("/api/**").respond(200, "application/json", JSON))
            .build();
    request =
        Request.builder()
            .method("GET")
            .host("127.0.0.1")
            .port(8090)
            .path("/api/small")
            .header("Host", "127.0.0.1:8090")
            .header("User-Agent", "wrk")
            .header("Accept", "*/*")
            .header("Accept-Encoding", "gzip")
            .remoteAddress("127.0.0.1")
            .build();
    try (Response miss = cached.handle(request)) {
      drain(miss);
    }
    try (Response hit = cached.handle(request)) {
      String status = hit.header("Cache-Status");
      if (status == null
          || !status.contains("; hit")
          || hit.body().bytes(1 << 20).length != BODY.length) {
        throw new IllegalStateException("not a hit: " + hit);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cached.close();
    fixed.close();
    cache.close();
  }

  @Benchmark
  public long hit() throws IOException {
    try (Response response = cached.handle(request)) {
      return drain(response);
    }
  }

  @Benchmark
  public long baselineFixedResponse() throws IOException {
    try (Response response = fixed.handle(request)) {
      return drain(response);
    }
  }

  /** The upstream's answer: called once, for the miss that stores it. */
  private Response upstream() {
    Response.Builder b =
        Response.builder()
            .status(200)
            .header("Server", "nginx/1.26.3")
            .header("Date", date)
            .header("Content-Type", "application/json");
    if (stored.equals("validators")) {
      b.header("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT")
          .header("ETag", "\"5f2a-19c3b2e0\"")
          .header("Cache-Control", "public, max-age=3600")
          .header("Vary", "Accept-Encoding");
    }
    return b.body(Body.of(new ByteArrayInputStream(BODY), BODY.length)).build();
  }

  /**
   * Reads the body to its end and closes it, as the servlet adapter does, into a buffer kept for
   * the whole run, so that only the gateway's allocations are counted ({@code
   * InputStream.transferTo} would add 8 KiB per call for a wrapped stream).
   */
  private long drain(Response response) throws IOException {
    long total = 0;
    try (InputStream in = response.body().stream()) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
      }
    }
    return total;
  }
}
