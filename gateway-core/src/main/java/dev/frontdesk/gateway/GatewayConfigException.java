package dev.frontdesk.gateway;

import java.util.List;

/**
 * A gateway configuration that cannot work: thrown by {@link Gateway.Builder#build()} with every
 * problem found, each naming the route or upstream it concerns, so that one run shows them all.
 */
public final class GatewayConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public GatewayConfigException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per problem. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder sb =
        new StringBuilder("invalid gateway configuration (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
