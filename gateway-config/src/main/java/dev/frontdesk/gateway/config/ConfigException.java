package dev.frontdesk.gateway.config;

import java.util.List;

/**
 * A configuration file that cannot make a gateway: every problem found, each located. Thrown by
 * {@link GatewayConfig#load} and {@link ConfigResult#gateway()}; nothing was started.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    StringBuilder sb =
        new StringBuilder("invalid gateway configuration (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (ConfigProblem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
