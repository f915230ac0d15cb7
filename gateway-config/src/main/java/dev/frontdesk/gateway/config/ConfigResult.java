package dev.frontdesk.gateway.config;

import dev.frontdesk.gateway.config.internal.Carried;
import dev.frontdesk.gateway.Gateway;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What reading a configuration file gave: a built {@link Gateway}, or the located problems and no
 * gateway. A reload watcher keeps serving its old gateway when {@link #ok()} is false and logs
 * {@link #problems()}.
 *
 * <pre>{@code
 * ConfigResult result = GatewayConfig.defaults().parse(Path.of("gateway.yaml"));
 * if (result.ok()) {
 *   swap(result.gateway());
 * } else {
 *   result.problems().forEach(p -> log.error("{}", p));
 * }
 * }</pre>
 */
public final class ConfigResult {
  private final @Nullable Gateway gateway;
  private final List<ConfigProblem> problems;
  private final Carried carried;

  private ConfigResult(@Nullable Gateway gateway, List<ConfigProblem> problems, Carried carried) {
    this.gateway = gateway;
    this.problems = List.copyOf(problems);
    this.carried = carried;
  }

  static ConfigResult of(Gateway gateway, Carried carried) {
    return new ConfigResult(Objects.requireNonNull(gateway, "gateway"), List.of(), carried);
  }

  /** The stateful middleware this reading built, for the next reading to keep. */
  Carried carried() {
    return carried;
  }

  static ConfigResult failed(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a failed result needs at least one problem");
    }
    return new ConfigResult(null, problems, Carried.NONE);
  }

  /** True when the file made a gateway. */
  public boolean ok() {
    return gateway != null;
  }

  /** The problems, in file order; empty when {@link #ok()}. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /**
   * The built, started gateway, which the caller now owns and closes.
   *
   * @throws ConfigException with the problems when the file made no gateway
   */
  public Gateway gateway() {
    if (gateway == null) {
      throw new ConfigException(problems);
    }
    return gateway;
  }
}
