package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The standalone gateway as an operator runs it: serving a file, reloading it, refusing a broken
 * one, {@code --check}, usage errors, and a SIGTERM to a real child process that drains the request
 * in flight.
 */
class StandaloneTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  private static String hello(String body) {
    return """
        routes:
          - id: hello
            path: /hello
            respond: {status: 200, contentType: text/plain, body: "%s"}
        """
        .formatted(body);
  }

  @Test
  void servesTheFileReloadsItAndKeepsServingWhenAnEditIsBroken() throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), hello("v1"));
    Standalone gateway =
        Standalone.start(
            StandaloneOptions.parse(
                new String[] {
                  "--config",
                  file.toString(),
                  "--port",
                  "0",
                  "--admin-port",
                  "0",
                  "--reload-every",
                  "50ms"
                },
                name -> null));
    try {
      assertThat(get(gateway.port(), "/hello").body()).isEqualTo("v1");
      assertThat(get(gateway.adminPort(), "/health/ready").statusCode()).isEqualTo(200);

      Files.writeString(file, hello("v2"));
      assertThat(eventually(() -> get(gateway.port(), "/hello").body(), "v2")).isEqualTo("v2");

      Files.writeString(file, hello("v3").replace("respond:", "respondd:"));
      assertThat(gateway.reloader().reload())
          .singleElement()
          .asString()
          .startsWith(
              "gateway.yaml:4: routes[0].respondd: unknown key 'respondd', did you mean 'respond'?");
      assertThat(get(gateway.port(), "/hello").body()).isEqualTo("v2");
    } finally {
      assertThat(gateway.stop()).isTrue();
    }
  }

  @Test
  void theFilesAdminSectionServesItsEndpointsWithItsKeyAndTheMetricsScrape() throws Exception {
    Files.writeString(dir.resolve("admin.key"), "file-admin-key-0123456789\n");
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            hello("v1")
                + """
        metrics: true
        admin: {port: 0, apiKey: "${file:admin.key}"}
        """);
    Standalone gateway =
        Standalone.start(
            StandaloneOptions.parse(
                new String[] {"--config", file.toString(), "--port", "0"}, name -> null));
    try {
      assertThat(get(gateway.port(), "/hello").body()).isEqualTo("v1");
      assertThat(get(gateway.adminPort(), "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(gateway.adminPort(), "/metrics").statusCode()).isEqualTo(401);
      HttpResponse<String> metrics =
          CLIENT.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + gateway.adminPort() + "/metrics"))
                  .header("X-Api-Key", "file-admin-key-0123456789")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("http_server_request_duration_seconds_count{")
          .contains("http_route=\"hello\"");
    } finally {
      assertThat(gateway.stop()).isTrue();
    }
  }

  @Test
  void checkPrintsEveryLocatedProblemAndExitsOne() throws IOException {
    Path broken =
        Files.writeString(
            dir.resolve("broken.yaml"),
            """
        routes:
          - id: users
            path: /api/users/**
            upstream: userz
        """);
    Output out = new Output();

    assertThat(
            Standalone.run(
                new String[] {"--check", "--config", broken.toString()}, out.stdout, out.stderr))
        .isEqualTo(1);
    assertThat(out.err()).contains("broken.yaml:4: routes[0].upstream: unknown upstream 'userz'");

    Path good = Files.writeString(dir.resolve("good.yaml"), hello("ok"));
    assertThat(
            Standalone.run(
                new String[] {"--config", good.toString(), "--check"}, out.stdout, out.stderr))
        .isEqualTo(0);
    assertThat(out.out()).contains("good.yaml: OK");
  }

  @Test
  void theExampleGatewayFilePassesTheCheck() {
    Output out = new Output();
    assertThat(
            Standalone.run(
                new String[] {"--check", "--config", "gateway.yaml"}, out.stdout, out.stderr))
        .as(out.err())
        .isEqualTo(0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ''                                              | --config FILE is required
      --config g.yaml --port http                     | --port must be a whole number from 0 to 65535, got 'http'
      --config g.yaml --bogus                         | unknown option: --bogus
      --config g.yaml --port                          | --port needs a value
      --config g.yaml --https-port 8443               | --https-port needs --keystore FILE
      --config g.yaml --admin-port 9 --admin-host 0.0.0.0 | --admin-host 0.0.0.0 is reachable from other machines
      --config g.yaml --reload-every soon             | --reload-every must be a duration such as 500ms, 1s or 2m, got 'soon'
      --config a.yaml --config b.yaml                 | --config is given twice
      """)
  void aBadCommandLineIsAUsageErrorWithExitTwo(String args, String message) {
    Output out = new Output();
    String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");
    assertThat(Standalone.run(argv, out.stdout, out.stderr)).isEqualTo(2);
    assertThat(out.err())
        .startsWith("frontdesk: " + message)
        .contains("usage: java -jar frontdesk-standalone.jar");
  }

  @Test
  void sigtermLetsTheRequestInFlightFinishBeforeTheProcessExits() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    HttpServer upstream = slowUpstream(arrived);
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            """
        routes:
          - id: slow
            path: /slow
            to: http://127.0.0.1:%d
        """
                .formatted(upstream.getAddress().getPort()));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Standalone.class.getName(),
                "--config",
                file.toString(),
                "--port",
                "0")
            .redirectErrorStream(true)
            .start();
    try {
      int port = listeningPort(process);
      CompletableFuture<HttpResponse<String>> inFlight =
          CLIENT.sendAsync(request(port, "/slow"), HttpResponse.BodyHandlers.ofString());
      assertThat(arrived.await(10, TimeUnit.SECONDS))
          .as("the request reached the upstream")
          .isTrue();

      process.destroy(); // SIGTERM

      HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("slow");
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the process exited").isTrue();
    } finally {
      process.destroyForcibly();
      upstream.stop(0);
    }
  }

  /** Reads the child's output until it prints its HTTP address; the rest goes on to be drained. */
  private static int listeningPort(Process process) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Pattern address = Pattern.compile("^\\s+http://127\\.0\\.0\\.1:(\\d+)$");
    StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher m = address.matcher(line);
      if (m.matches()) {
        Thread drain = new Thread(() -> lines.lines().forEach(l -> {}), "child-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the standalone gateway printed no address:\n" + seen);
  }

  private static HttpServer slowUpstream(CountDownLatch arrived) throws IOException {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    upstream.setExecutor(Executors.newCachedThreadPool());
    upstream.createContext(
        "/",
        exchange -> {
          arrived.countDown();
          try {
            Thread.sleep(
                1_000); // the upstream is slow: the request is in flight when SIGTERM comes
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "slow".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    upstream.start();
    return upstream;
  }

  private static HttpRequest request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return CLIENT.send(request(port, path), HttpResponse.BodyHandlers.ofString());
  }

  private interface Probe {
    String get() throws Exception;
  }

  /** Polls until {@code probe} gives {@code expected} (the file watcher runs on its own thread). */
  private static String eventually(Probe probe, String expected) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String last = probe.get();
    while (!last.equals(expected) && System.nanoTime() < end) {
      Thread.sleep(20);
      last = probe.get();
    }
    return last;
  }

  /** Captured stdout and stderr of {@link Standalone#run}. */
  private static final class Output {
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream stdout = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream stderr = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
      return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return errBytes.toString(StandardCharsets.UTF_8);
    }
  }
}
