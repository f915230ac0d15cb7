package dev.frontdesk.benchmarks.auth;

import com.sun.net.httpserver.HttpServer;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.IdentityForwarding;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A proxied request over loopback with and without JWT authentication (HS256, cached token,
 * identity headers forwarded), through {@link Gateway#handle} in process: what authentication adds
 * to the gateway's own work per request. The upstream is the JDK's HTTP server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class AuthProxyBenchmark {
  private HttpServer upstream;
  private Gateway plain;
  private Gateway authenticated;
  private Gateway respondOnly;
  private Gateway respondWithAuth;
  private Request request;

  @Setup
  public void setUp() throws IOException {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40
    // ms a request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    upstream.setExecutor(Executors.newFixedThreadPool(4));
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    upstream.start();
    String url = "http://127.0.0.1:" + upstream.getAddress().getPort();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .secret(secret)
            .algorithms("HS256")
            .issuer("https://idp.bench/")
            .build();
    IdentityForwarding identity = IdentityForwarding.builder().build();
    plain = Gateway.builder().route("api", r -> r.get("/api/**").proxyTo(url)).build();
    authenticated =
        Gateway.builder()
            .use(identity.stripClientHeaders())
            .route(
                "api",
                r ->
                    r.get("/api/**")
                        .use(Authentication.required(jwt), identity.forward())
                        .proxyTo(url))
            .build();
    respondOnly =
        Gateway.builder()
            .route("api", r -> r.get("/api/**").respond(200, "text/plain", "ok"))
            .build();
    respondWithAuth =
        Gateway.builder()
            .use(identity.stripClientHeaders())
            .route(
                "api",
                r ->
                    r.get("/api/**")
                        .use(Authentication.required(jwt), identity.forward())
                        .respond(200, "text/plain", "ok"))
            .build();
    String token =
        Jwts.builder()
            .subject("alice")
            .issuer("https://idp.bench/")
            .claim("scope", "orders:read")
            .expiration(Date.from(Instant.now().plus(Duration.ofHours(2))))
            .signWith(new SecretKeySpec(secret, "HmacSHA256"))
            .compact();
    request =
        Request.builder()
            .target("/api/orders/7")
            .header("Authorization", "Bearer " + token)
            .build();
  }

  @TearDown
  public void tearDown() {
    plain.close();
    authenticated.close();
    respondOnly.close();
    respondWithAuth.close();
    upstream.stop(0);
  }

  private static int call(Gateway gateway, Request request) throws IOException {
    try (Response response = gateway.handle(request)) {
      response.body().bytes(1024);
      return response.status();
    }
  }

  @Benchmark
  public int plainProxy() throws IOException {
    return call(plain, request);
  }

  @Benchmark
  public int authenticatedProxy() throws IOException {
    return call(authenticated, request);
  }

  /** The auth chain alone, with a fixed response instead of the proxy: no network, no waiting. */
  @Benchmark
  public int respondOnly() throws IOException {
    return call(respondOnly, request);
  }

  @Benchmark
  public int respondWithAuth() throws IOException {
    return call(respondWithAuth, request);
  }

  /**
   * Both pairs in the calling thread's CPU time, alternating rounds so load changes hit both alike.
   * With the argument {@code chain}, only the fixed-response pair (seconds instead of minutes).
   */
  public static void main(String[] args) throws IOException {
    AuthProxyBenchmark bench = new AuthProxyBenchmark();
    bench.setUp();
    try {
      compare("fixed response", bench.respondOnly, bench.respondWithAuth, bench.request, 200_000);
      if (args.length == 0 || !args[0].equals("chain")) {
        compare("loopback proxy", bench.plain, bench.authenticated, bench.request, 2_000);
      }
    } finally {
      bench.tearDown();
    }
  }

  private static void compare(String name, Gateway without, Gateway with, Request request, int n)
      throws IOException {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long[] cpu = new long[2];
    for (int round = 0; round < 12; round++) {
      for (int which = 0; which < 2; which++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          if (call(which == 0 ? without : with, request) != 200) {
            throw new IllegalStateException("not 200");
          }
        }
        if (round >= 2) { // the first rounds warm up
          cpu[which] += threads.getCurrentThreadCpuTime() - start;
        }
      }
    }
    double plainMicros = cpu[0] / 1000.0 / (10.0 * n);
    double authMicros = cpu[1] / 1000.0 / (10.0 * n);
    System.out.printf(
        "%s: without auth %.2f us, with auth %.2f us CPU/request (+%.2f us)%n",
        name, plainMicros, authMicros, authMicros - plainMicros);
  }
}
