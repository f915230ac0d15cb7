package dev.frontdesk.gateway.ratelimit.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * For tests and benchmarks (shipped in this module's test-jar): a real redis-server as a child
 * process on a free port: the {@code redis-server} on PATH when there is one, otherwise the binary
 * shipped inside the embedded-redis jar, so that a fresh machine runs the Redis tests too. It can
 * be killed and started again on the same port.
 */
public final class RedisProcess implements AutoCloseable {
  private static Path binary;

  private final int port;
  private Process process;

  private RedisProcess(int port) {
    this.port = port;
  }

  public static RedisProcess start() throws IOException, InterruptedException {
    RedisProcess redis = new RedisProcess(freePort());
    redis.startAgain();
    return redis;
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server (again) on its port and waits until it answers PING. */
  public void startAgain() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    binary().toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--protected-mode",
                    "no"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("redis-server did not start on port " + port);
      }
      Thread.sleep(10); // polling for the process to come up, not letting bucket time pass
    }
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  /**
   * Stops the server without closing its sockets (SIGSTOP), as a Redis stalled by a long command,
   * swapping or a paused VM: connections stay open and commands time out.
   */
  public void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** Lets a {@linkplain #pause() paused} server go on (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill " + signal + " " + process.pid() + " failed");
    }
  }

  /** Sends a raw command and returns the first line of the reply, e.g. {@code ":42"}. */
  public String command(String... parts) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(2000);
      StringBuilder resp = new StringBuilder("*" + parts.length + "\r\n");
      for (String part : parts) {
        resp.append('$')
            .append(part.getBytes(StandardCharsets.UTF_8).length)
            .append("\r\n")
            .append(part)
            .append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != -1 && c != '\r'; ) {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  /** The value of one field of {@code INFO <section>}, such as {@code total_commands_processed}. */
  public long infoField(String section, String field) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("INFO " + section + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim());
        }
      }
      throw new IOException("no " + field + " in INFO " + section);
    }
  }

  /** How often Redis ran {@code command} (lower case, e.g. {@code evalsha}) since it started. */
  public long commandCalls(String command) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("INFO commandstats\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String header = in.readLine(); // a bulk string: $<length>, then that many (ASCII) bytes
      char[] reply = new char[Integer.parseInt(header.substring(1))];
      for (int read = 0, n;
          read < reply.length && (n = in.read(reply, read, reply.length - read)) != -1; ) {
        read += n;
      }
      String prefix = "cmdstat_" + command + ":calls=";
      for (String line : new String(reply).split("\r\n")) {
        if (line.startsWith(prefix)) {
          return Long.parseLong(line.substring(prefix.length(), line.indexOf(',')));
        }
      }
      return 0;
    }
  }

  private boolean answersPing() {
    try {
      return command("PING").equals("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static synchronized Path binary() throws IOException {
    if (binary == null) {
      binary = onPath();
      if (binary == null) {
        binary = extractFromEmbeddedRedisJar();
      }
    }
    return binary;
  }

  private static Path onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Path extractFromEmbeddedRedisJar() throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    boolean arm = arch.contains("aarch64") || arch.contains("arm64");
    String resource =
        os.contains("mac")
            ? (arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64")
            : (arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64");
    try (InputStream in = RedisProcess.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no redis-server on PATH and no " + resource + " in embedded-redis");
      }
      Path file = Files.createTempFile("frontdesk-redis-server", "");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().setExecutable(true);
      file.toFile().deleteOnExit();
      return file;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
