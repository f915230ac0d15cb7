package dev.frontdesk.gateway.config;

import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayHolder;
import dev.frontdesk.gateway.config.internal.Carried;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: serves the gateway a configuration file describes, and replaces it whenever the file
 * changes (or {@link #reload()} is called). A file with any problem never replaces a working
 * gateway: the problems are logged with their locations and the old configuration keeps serving.
 * The swap goes through a {@link GatewayHolder}, so requests inside the old gateway finish there
 * and none is lost; host the holder with {@code new GatewayServlet(reloader.holder())}.
 *
 * <pre>{@code
 * ConfigReloader reloader = ConfigReloader.start(GatewayConfig.defaults(), Path.of("gateway.yaml"),
 *     Duration.ofSeconds(1));                      // throws ConfigException if the first read fails
 * context.addServlet(new ServletHolder(new GatewayServlet(reloader.holder())), "/*");
 * }</pre>
 *
 * <p>The file is polled (its content), which also sees the symbolic-link swaps Kubernetes makes
 * when a ConfigMap changes. Rate limiters, concurrency limiters, caches and the metrics registry
 * whose definition did not change are kept, so their buckets, counts and entries carry over; and
 * upstreams whose definition did not change keep their health, ejection and circuit state (copied
 * into the new gateway, see {@code Gateway.Builder.upstreamStateFrom}).
 */
public final class ConfigReloader implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

  private final GatewayConfig config;
  private final Path file;
  private final GatewayHolder holder;
  private final ScheduledExecutorService watcher;
  private byte[] loaded;
  private ConfigResult running;

  /**
   * The admin section as read at start; the first result itself is not kept (its gateway is
   * replaced).
   */
  private final java.util.function.Function<Supplier<Gateway>, java.util.Optional<Gateway>> admin;

  private final java.util.OptionalInt adminPort;

  private ConfigReloader(
      GatewayConfig config, Path file, ConfigResult first, byte[] content, Duration every) {
    this.config = config;
    this.file = file;
    this.running = first;
    this.admin = first.adminFactory();
    this.adminPort = first.adminPort();
    this.holder = GatewayHolder.of(first.gateway());
    this.loaded = content;
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "frontdesk-config-watch");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, every.toMillis());
    watcher.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Reads {@code file}, starts its gateway and watches the file every {@code every}.
   *
   * @throws ConfigException when the first read has problems: then nothing is started
   */
  public static ConfigReloader start(GatewayConfig config, Path file, Duration every) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(file, "file");
    Durations.positive(every, "every");
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(List.of(GatewayConfig.unreadable(file, e)));
    }
    ConfigResult first =
        config.parse(file, new String(content, StandardCharsets.UTF_8), Carried.NONE);
    first.gateway(); // throws with the problems
    return new ConfigReloader(config, file, first, content, every);
  }

  /**
   * The admin endpoints of the file's {@code admin} section as it was read at start, reporting on
   * {@code served} (usually {@code holder()::current}). A change to the {@code admin} section takes
   * effect at the next start; the metrics it scrapes follow reloads.
   */
  public java.util.Optional<Gateway> adminEndpoints(Supplier<Gateway> served) {
    return admin.apply(Objects.requireNonNull(served, "served"));
  }

  /** {@code admin.port} as read at start. */
  public java.util.OptionalInt adminPort() {
    return adminPort;
  }

  /** What the host serves: always the newest working gateway. */
  public GatewayHolder holder() {
    return holder;
  }

  /**
   * Reads the file now and swaps in its gateway if it has no problem; returns the problems (empty
   * when the new gateway serves). The old gateway keeps serving when there are problems.
   */
  public synchronized List<ConfigProblem> reload() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      List<ConfigProblem> problems = List.of(GatewayConfig.unreadable(file, e));
      log.warn("{} cannot be read; the running configuration stays: {}", file, problems.get(0));
      return problems;
    }
    return reload(content);
  }

  /**
   * Builds the gateway of {@code content}, read from the file once, and swaps it in if it is good.
   */
  private List<ConfigProblem> reload(byte[] content) {
    ConfigResult result =
        config.parse(file, new String(content, StandardCharsets.UTF_8), running.carried());
    if (!result.ok()) {
      log.warn(
          "{} has {} problem(s); the running configuration stays:\n  {}",
          file,
          result.problems().size(),
          String.join("\n  ", result.problems().stream().map(ConfigProblem::toString).toList()));
      loaded = content; // reported once; the next change is read again
      return result.problems();
    }
    holder.swap(result.gateway());
    running = result;
    loaded = content;
    log.info("{} reloaded: {} routes", file, result.gateway().routes().size());
    return List.of();
  }

  private synchronized void reloadIfChanged() {
    try {
      byte[] content = Files.readAllBytes(file);
      if (!Arrays.equals(content, loaded)) {
        reload(content);
      }
    } catch (IOException e) {
      // between the editor's rename and the new file, or gone for good: the running one stays
    } catch (RuntimeException e) {
      log.warn("watching {} failed; the running configuration stays", file, e);
    }
  }

  /** Stops watching and shuts the gateway down gracefully for up to {@code grace}. */
  public boolean shutdown(Duration grace) {
    watcher.shutdownNow();
    return holder.shutdown(grace);
  }

  /** Stops watching and closes the gateway at once. */
  @Override
  public void close() {
    watcher.shutdownNow();
    holder.close();
  }
}
