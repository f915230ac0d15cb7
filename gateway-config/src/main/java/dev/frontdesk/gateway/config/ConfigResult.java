package dev.frontdesk.gateway.config;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.config.internal.AdminMapper;
import dev.frontdesk.gateway.config.internal.Carried;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
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
  private final AdminMapper.@Nullable AdminSpec admin;

  private ConfigResult(
      @Nullable Gateway gateway,
      List<ConfigProblem> problems,
      Carried carried,
      AdminMapper.@Nullable AdminSpec admin) {
    this.gateway = gateway;
    this.problems = List.copyOf(problems);
    this.carried = carried;
    this.admin = admin;
  }

  static ConfigResult of(Gateway gateway, Carried carried, AdminMapper.@Nullable AdminSpec admin) {
    return new ConfigResult(Objects.requireNonNull(gateway, "gateway"), List.of(), carried, admin);
  }

  /**
   * The admin endpoints the file's {@code admin} section describes ({@code AdminEndpoints}), with
   * its own API key and the Prometheus scrape when {@code metrics} is on, reporting on {@code
   * served} (asked on every request: pass {@code holder::current} to follow reloads). Empty when
   * the file has no {@code admin} section. The caller hosts and closes it, on {@link #adminPort()}.
   */
  public Optional<Gateway> adminEndpoints(Supplier<Gateway> served) {
    Objects.requireNonNull(served, "served");
    return admin == null ? Optional.empty() : Optional.of(admin.build(served));
  }

  /**
   * {@link #adminEndpoints} without holding on to this result (and its gateway): for the reloader.
   */
  java.util.function.Function<Supplier<Gateway>, Optional<Gateway>> adminFactory() {
    AdminMapper.AdminSpec spec = admin;
    return served ->
        spec == null
            ? Optional.empty()
            : Optional.of(spec.build(Objects.requireNonNull(served, "served")));
  }

  /**
   * {@code admin.port}: where the host should serve {@link #adminEndpoints}; empty when not given.
   */
  public OptionalInt adminPort() {
    return admin == null || admin.port() == null
        ? OptionalInt.empty()
        : OptionalInt.of(admin.port());
  }

  /** The stateful middleware this reading built, for the next reading to keep. */
  Carried carried() {
    return carried;
  }

  static ConfigResult failed(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a failed result needs at least one problem");
    }
    return new ConfigResult(null, problems, Carried.NONE, null);
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
