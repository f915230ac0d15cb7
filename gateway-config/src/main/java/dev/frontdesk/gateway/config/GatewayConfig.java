package dev.frontdesk.gateway.config;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.config.internal.Assembler;
import dev.frontdesk.gateway.config.internal.Carried;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a YAML or JSON configuration file into exactly the {@link Gateway} the builders would make.
 * Every problem in the file (unknown keys, wrong types, bad patterns, unknown names, aggregation
 * cycles, invalid URLs and durations, and what {@code Gateway.builder().build()} refuses) is
 * reported at once with its file, line and key path, and nothing is started: no thread, no
 * connection. Values are data; nothing in a file is evaluated. Secrets come from {@code
 * ${env:NAME}} or {@code ${file:/path}} and are never echoed in a problem.
 *
 * <pre>{@code
 * Gateway gateway = GatewayConfig.load(Path.of("gateway.yaml"));   // throws ConfigException
 *
 * // or, for a reload watcher that must keep its old gateway on a broken file:
 * ConfigResult result = GatewayConfig.defaults().parse(Path.of("gateway.yaml"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; each {@code parse} builds a new, independent gateway.
 */
public final class GatewayConfig {
  private final Function<String, @Nullable String> environment;

  private GatewayConfig(Builder b) {
    this.environment = b.environment;
  }

  /** Reads {@code ${env:...}} from the process environment. */
  public static GatewayConfig defaults() {
    return builder().build();
  }

  /** Starts a reader with other settings (an environment lookup, for tests). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code file} and builds its gateway.
   *
   * @throws ConfigException with every located problem; nothing was started
   */
  public static Gateway load(Path file) {
    return defaults().parse(file).gateway();
  }

  /**
   * Reads {@code file} into a started gateway, or into its problems and no gateway. Relative paths
   * in the file ({@code ${file:...}}, PEM files, discovery files) are resolved against the file's
   * directory. A file that cannot be read is one problem, not an exception.
   */
  public ConfigResult parse(Path file) {
    Objects.requireNonNull(file, "file");
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ConfigResult.failed(List.of(unreadable(file, e)));
    }
    return parse(file, content, Carried.NONE);
  }

  /**
   * Reads {@code file} again after it changed, keeping the rate limiters, concurrency limiters,
   * caches and metrics registry of {@code previous} whose definition (and backend) did not change,
   * so that their buckets, counts and entries carry over, and taking over the health, ejection and
   * circuit state of its unchanged upstreams: what {@link ConfigReloader} does. Host the result
   * through a {@link dev.frontdesk.gateway.GatewayHolder}, which does not close what the new
   * gateway kept.
   */
  public ConfigResult parse(Path file, ConfigResult previous) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(previous, "previous");
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ConfigResult.failed(List.of(unreadable(file, e)));
    }
    return parse(file, content, previous.carried());
  }

  /** {@code file}'s content, already read (by the reloader, which compares it with the last). */
  ConfigResult parse(Path file, String content, Carried previous) {
    return parse(file.getFileName().toString(), content, directoryOf(file), previous);
  }

  /**
   * Reads {@code content} as if from a file called {@code name} ({@code .json} is read as JSON,
   * anything else as YAML) whose relative paths resolve against {@code baseDirectory}.
   */
  public ConfigResult parse(String name, String content, Path baseDirectory) {
    return parse(name, content, baseDirectory, Carried.NONE);
  }

  private ConfigResult parse(String name, String content, Path baseDirectory, Carried previous) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    Assembler.Outcome outcome =
        Assembler.assemble(name, content, baseDirectory, environment, false, previous);
    Gateway gateway = outcome.gateway();
    return gateway != null
        ? ConfigResult.of(gateway, outcome.carried(), outcome.admin())
        : ConfigResult.failed(outcome.problems());
  }

  /**
   * Validates {@code file} as {@link #parse(Path)} would, including the builder's own checks, and
   * keeps nothing running: the gateway built for the check is closed at once, and Redis backends
   * are checked without connecting. Empty when the file is good. For a {@code --check} mode.
   */
  public List<ConfigProblem> check(Path file) {
    Objects.requireNonNull(file, "file");
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of(unreadable(file, e));
    }
    return Assembler.assemble(
            file.getFileName().toString(),
            content,
            directoryOf(file),
            environment,
            true,
            Carried.NONE)
        .problems();
  }

  /**
   * The one problem of a file that cannot be read; the exception's message may hold a secret path.
   */
  static ConfigProblem unreadable(Path file, IOException e) {
    return new ConfigProblem(
        file.toString(), 1, "", "cannot read the file (" + e.getClass().getSimpleName() + ")");
  }

  private static Path directoryOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of("").toAbsolutePath();
  }

  /** Builds a {@link GatewayConfig}. Default: the process environment. */
  public static final class Builder {
    private Function<String, @Nullable String> environment = System::getenv;

    private Builder() {}

    /** Where {@code ${env:NAME}} looks names up; tests pass a map's {@code get}. */
    public Builder environment(Function<String, @Nullable String> lookup) {
      this.environment = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    public GatewayConfig build() {
      return new GatewayConfig(this);
    }
  }
}
