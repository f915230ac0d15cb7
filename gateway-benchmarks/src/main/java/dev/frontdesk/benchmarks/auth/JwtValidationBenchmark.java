package dev.frontdesk.benchmarks.auth;

import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import io.jsonwebtoken.Jwts;
import java.security.Key;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What JWT authentication costs per request: {@code cold} checks the signature and claims every
 * time (the first request with a token), {@code cached} finds a token already proved (every later
 * request with it). Both read the token from {@code Authorization: Bearer}, as the gateway does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class JwtValidationBenchmark {
  @Param({"HS256", "RS256", "ES256"})
  public String algorithm;

  private JwtAuthenticator uncached;
  private JwtAuthenticator cached;
  private Request request;

  @Setup
  public void setUp() {
    JwtAuthenticator.Builder builder =
        JwtAuthenticator.builder()
            .algorithms(algorithm)
            .issuer("https://idp.bench/")
            .audience("bench-api");
    Key signingKey;
    switch (algorithm) {
      case "HS256" -> {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        signingKey = new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256");
        builder.secret(secret);
      }
      case "RS256" -> {
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        signingKey = pair.getPrivate();
        builder.publicKey("k1", pair.getPublic());
      }
      default -> {
        KeyPair pair = Jwts.SIG.ES256.keyPair().build();
        signingKey = pair.getPrivate();
        builder.publicKey("k1", pair.getPublic());
      }
    }
    String token =
        Jwts.builder()
            .header()
            .keyId("k1")
            .and()
            .subject("alice")
            .issuer("https://idp.bench/")
            .audience()
            .add("bench-api")
            .and()
            .claim("scope", "orders:read orders:write")
            .claim("client_id", "bench")
            .issuedAt(new Date())
            .expiration(Date.from(Instant.now().plus(Duration.ofHours(2))))
            .signWith(signingKey)
            .compact();
    uncached = builder.cacheSize(0).build();
    cached = builder.cacheSize(10_000).build();
    request =
        Request.builder()
            .target("/orders/7")
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .build();
  }

  @Benchmark
  public Identity cold() {
    return uncached.authenticate(request);
  }

  @Benchmark
  public Identity cached() {
    return cached.authenticate(request);
  }

  /**
   * The same two paths measured in thread CPU time rather than wall time, for a machine shared with
   * other work (wall-clock JMH figures there mostly measure the scheduler): {@code java -cp ...
   * dev.frontdesk.benchmarks.auth.JwtValidationBenchmark}.
   */
  public static void main(String[] args) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    for (String algorithm : new String[] {"HS256", "RS256", "ES256"}) {
      JwtValidationBenchmark bench = new JwtValidationBenchmark();
      bench.algorithm = algorithm;
      bench.setUp();
      for (String path : new String[] {"cold", "cached"}) {
        java.util.function.Supplier<Identity> op =
            path.equals("cold") ? bench::cold : bench::cached;
        int n = path.equals("cold") ? 20_000 : 500_000;
        for (int i = 0; i < n; i++) {
          op.get(); // warm-up
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          op.get();
        }
        double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / n;
        System.out.printf("%s %-6s %8.2f us CPU/op%n", algorithm, path, micros);
      }
    }
  }
}
