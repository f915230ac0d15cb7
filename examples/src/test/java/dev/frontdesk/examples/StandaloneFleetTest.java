package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.frontdesk.gateway.ratelimit.redis.testing.RedisProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The several-instances deployment in small, as CI can run it: two standalone gateways (each with
 * its own Jetty and ConfigReloader) sharing one rate limit in a real Redis, and a client that
 * balances between them as a load balancer would: round robin over the instances whose readiness
 * says 200, polled every 50 ms (HAProxy's health checks), and a refused connection tried on the
 * next instance ({@code option redispatch}). bench/fleet.sh measures the same with HAProxy and
 * three instances.
 */
class StandaloneFleetTest {
  /** Greedy: 20 at once, then 100 per second, whichever instance asks. */
  private static final int BURST = 20;

  private static final int PER_SECOND = 100;

  @TempDir Path dir;

  @Test
  void twoInstancesShareOneLimitAndAGracefulStopUnderLoadLosesNoAcceptedRequest() throws Exception {
    HttpServer upstream = slowUpstream();
    try (RedisProcess redis = RedisProcess.start()) {
      Path file =
          Files.writeString(
              dir.resolve("gateway.yaml"),
              """
          rateLimits:
            backends:
              shared: {redis: {uri: "%s", keyPrefix: "fleet-test:", commandTimeout: 1s}}
            limiters:
              everyone:
                limit: {bandwidths: [{capacity: %d, refillTokens: %d, refillPeriod: 1s, refill: greedy}]}
                key: global
                backend: shared
                expectedInstances: 2
          routes:
            - {id: limited, path: /limited, use: [rateLimit: everyone], respond: {status: 200, body: ok}}
            - {id: slow, path: /slow, to: "http://127.0.0.1:%d"}
          """
                  .formatted(redis.uri(), BURST, PER_SECOND, upstream.getAddress().getPort()));
      Standalone a = start(file);
      Standalone b = start(file);
      Balancer balancer = new Balancer(List.of(a, b));
      try {
        Load load = balancer.drive(8);
        Thread.sleep(3_000); // load runs on both instances
        assertThat(a.stop())
            .as("every request in flight on the stopped instance finished")
            .isTrue();
        Thread.sleep(1_000); // and goes on against the other one
        load.stop();

        assertThat(load.failures).as("requests that were accepted and then failed").isEmpty();
        double expected = BURST + PER_SECOND * load.seconds();
        // Never more than the limit: the check is exact (BATCHING) and the client's window is wider
        // than the limiter's. Less is allowed down to 10 %: on a shared 2-core machine the clients
        // may not keep offering more than the limit every moment.
        assertThat(load.admitted.get())
            .as("admitted over %.2f s (limit: %.0f)", load.seconds(), expected)
            .isLessThanOrEqualTo((long) (expected * 1.02))
            .isGreaterThanOrEqualTo((long) (expected * 0.90));
        assertThat(load.served.get(0))
            .as("requests served by the stopped instance")
            .isGreaterThan(0);
        assertThat(load.served.get(1)).as("requests served by the other instance").isGreaterThan(0);
      } finally {
        b.stop();
        a.stop();
      }
    } finally {
      upstream.stop(0);
    }
  }

  private static Standalone start(Path file) throws Exception {
    return Standalone.start(
        StandaloneOptions.parse(
            new String[] {
              "--config",
              file.toString(),
              "--port",
              "0",
              "--admin-port",
              "0",
              "--drain-delay",
              "300ms",
              "--grace",
              "10s"
            },
            name -> null));
  }

  /** The client-side load balancer: readiness-checked round robin with redispatch on refusal. */
  private static final class Balancer {
    final List<Standalone> instances;
    final AtomicReferenceArray<Boolean> ready;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicInteger next = new AtomicInteger();

    Balancer(List<Standalone> instances) {
      this.instances = instances;
      this.ready = new AtomicReferenceArray<>(instances.size());
      for (int i = 0; i < instances.size(); i++) {
        ready.set(i, true);
      }
    }

    Load drive(int clients) {
      Load load = new Load(instances.size());
      load.pool.submit(() -> checkReadiness(load));
      for (int c = 0; c < clients; c++) {
        int id = c;
        load.pool.submit(() -> send(load, id % 4 == 0 ? "/slow" : "/limited"));
      }
      return load;
    }

    private void checkReadiness(Load load) {
      while (load.running.get()) {
        for (int i = 0; i < instances.size(); i++) {
          try {
            HttpRequest probe =
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + instances.get(i).adminPort() + "/health/ready"))
                    .timeout(Duration.ofSeconds(1))
                    .build();
            ready.set(
                i, client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
          } catch (IOException | RuntimeException e) {
            ready.set(i, false);
          } catch (InterruptedException e) {
            return;
          }
        }
        sleep(50);
      }
    }

    private void send(Load load, String path) {
      while (load.running.get()) {
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        for (int t = 0; t < instances.size(); t++) {
          int i = (first + t) % instances.size();
          if (!ready.get(i)) {
            continue;
          }
          try {
            HttpRequest request =
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + instances.get(i).port() + path))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            load.record(i, path, status);
            break;
          } catch (ConnectException e) {
            continue; // refused before it was accepted: redispatch to the next instance
          } catch (IOException e) {
            load.failures.add(path + " on instance " + i + ": " + e);
            break;
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /** What the clients saw. */
  private static final class Load {
    final ExecutorService pool = Executors.newCachedThreadPool();
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong admitted = new AtomicLong();
    final AtomicReferenceArray<Long> served;
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final long started = System.nanoTime();
    volatile long stopped;

    Load(int instances) {
      served = new AtomicReferenceArray<>(instances);
      for (int i = 0; i < instances; i++) {
        served.set(i, 0L);
      }
    }

    void record(int instance, String path, int status) {
      served.accumulateAndGet(instance, 1L, Long::sum);
      if (path.equals("/limited") && status == 200) {
        admitted.incrementAndGet();
      } else if (status != 200 && status != 429) {
        failures.add(path + " on instance " + instance + ": status " + status);
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
      stopped = System.nanoTime();
    }

    double seconds() {
      return (stopped - started) / 1e9;
    }
  }

  private static HttpServer slowUpstream() throws IOException {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    upstream.setExecutor(Executors.newCachedThreadPool());
    upstream.createContext(
        "/",
        exchange -> {
          sleep(200); // long enough that requests are in flight when an instance stops
          byte[] body = "slow".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    upstream.start();
    return upstream;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
