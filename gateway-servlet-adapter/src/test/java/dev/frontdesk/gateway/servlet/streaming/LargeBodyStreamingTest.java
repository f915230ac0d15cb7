package dev.frontdesk.gateway.servlet.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload and a 1 GiB download through a gateway in a child JVM with {@code -Xmx64m}: if
 * anything on the path buffered a body, the child would die of OutOfMemoryError. The upstream is a
 * JDK HttpServer that generates and digests bytes as they flow (MockWebServer buffers bodies).
 * {@code -Dfrontdesk.streaming.bytes=N} changes the size; {@code
 * -Dfrontdesk.streaming.baseline=true} also times the same transfers straight to the upstream.
 * Results: docs/streaming.md.
 */
class LargeBodyStreamingTest {
  private static final long SIZE = Long.getLong("frontdesk.streaming.bytes", 1L << 30);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicReference<String> downloadSentDigest = new AtomicReference<>();
  private final ExecutorService upstreamThreads = Executors.newCachedThreadPool();
  private HttpServer upstream;
  private Process gateway;
  private int gatewayPort;
  @TempDir Path temp;

  @BeforeEach
  void start() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.setExecutor(upstreamThreads);
    upstream.createContext("/upload", this::consume);
    upstream.createContext("/download", this::produce);
    upstream.start();
    gateway =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                StreamingGatewayMain.class.getName(),
                "http://127.0.0.1:" + upstream.getAddress().getPort() + "/")
            .redirectError(temp.resolve("gateway.err").toFile())
            .start();
    String first = stdout().readLine();
    assertThat(first).as("child said: %s; stderr: %s", first, stderr()).startsWith("PORT ");
    gatewayPort = Integer.parseInt(first.substring(5));
  }

  private BufferedReader stdout;

  private BufferedReader stdout() {
    if (stdout == null) {
      stdout =
          new BufferedReader(
              new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
    }
    return stdout;
  }

  private String stderr() throws IOException {
    Path err = temp.resolve("gateway.err");
    return Files.exists(err) ? Files.readString(err) : "";
  }

  @AfterEach
  void stop() {
    gateway.destroyForcibly();
    upstream.stop(0);
    upstreamThreads.shutdownNow();
  }

  @Test
  void streamsAGibibyteEachWayThroughA64MiBHeapByteForByte() throws Exception {
    long uploadNanos = upload(gatewayPort);
    long downloadNanos = download(gatewayPort);

    assertChildExitsCleanly();
    report("upload through the gateway", uploadNanos);
    report("download through the gateway", downloadNanos);
    if (Boolean.getBoolean("frontdesk.streaming.baseline")) {
      int direct = upstream.getAddress().getPort();
      report("upload straight to the upstream", upload(direct));
      report("download straight from the upstream", download(direct));
    }
  }

  /** Uploads SIZE bytes with a Content-Length; the upstream must have digested the same bytes. */
  private long upload(int port) throws Exception {
    long start = System.nanoTime();
    MessageDigest sent = sha256();
    HttpResponse<String> upload =
        client.send(
            HttpRequest.newBuilder(uri(port, "/upload"))
                .POST(
                    BodyPublishers.fromPublisher(
                        BodyPublishers.ofInputStream(
                            () -> new DigestingStream(new PatternStream(SIZE), sent)),
                        SIZE))
                .build(),
            BodyHandlers.ofString());
    long nanos = System.nanoTime() - start;

    assertThat(upload.statusCode()).isEqualTo(200);
    assertThat(upload.body()).isEqualTo(SIZE + " " + hex(sent));
    return nanos;
  }

  /** Downloads SIZE bytes; the client must have digested the bytes the upstream sent. */
  private long download(int port) throws Exception {
    long start = System.nanoTime();
    HttpResponse<InputStream> download =
        client.send(
            HttpRequest.newBuilder(uri(port, "/download")).build(), BodyHandlers.ofInputStream());
    MessageDigest received = sha256();
    long count;
    try (InputStream body = new DigestingStream(download.body(), received)) {
      count = body.transferTo(OutputStream.nullOutputStream());
    }
    long nanos = System.nanoTime() - start;

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Length")).hasValue(Long.toString(SIZE));
    assertThat(count).isEqualTo(SIZE);
    assertThat(hex(received)).isEqualTo(downloadSentDigest.get());
    return nanos;
  }

  private void assertChildExitsCleanly() throws Exception {
    gateway.getOutputStream().close();
    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("gateway JVM exited").isTrue();
    String err = stderr();
    assertThat(gateway.exitValue()).as("exit code; stderr: %s", err).isZero();
    assertThat(err).doesNotContain("OutOfMemoryError");
    for (String line; (line = stdout().readLine()) != null; ) {
      System.out.println("gateway JVM: " + line);
    }
  }

  private static void report(String direction, long nanos) {
    double seconds = nanos / 1e9;
    System.out.printf(
        "STREAMING %s of %d bytes: %.2f s, %.0f MiB/s%n",
        direction, SIZE, seconds, SIZE / (1024.0 * 1024.0) / seconds);
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private void consume(HttpExchange exchange) throws IOException {
    MessageDigest digest = sha256();
    long count;
    try (InputStream in = new DigestingStream(exchange.getRequestBody(), digest)) {
      count = in.transferTo(OutputStream.nullOutputStream());
    }
    byte[] answer = (count + " " + hex(digest)).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private void produce(HttpExchange exchange) throws IOException {
    MessageDigest digest = sha256();
    exchange.sendResponseHeaders(200, SIZE);
    try (InputStream in = new DigestingStream(new PatternStream(SIZE), digest);
        OutputStream out = exchange.getResponseBody()) {
      in.transferTo(out);
    }
    downloadSentDigest.set(hex(digest));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
