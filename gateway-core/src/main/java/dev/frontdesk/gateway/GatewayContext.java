package dev.frontdesk.gateway;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link GatewayComponent} sees of the gateway being built: its route ids and upstream
 * names, and a place to report what does not fit. Only valid during {@link GatewayComponent#check}.
 */
public final class GatewayContext {
  private final Set<String> routeIds;
  private final Set<String> upstreamNames;
  private final List<String> problems;

  GatewayContext(Set<String> routeIds, Set<String> upstreamNames, List<String> problems) {
    this.routeIds = Collections.unmodifiableSet(new LinkedHashSet<>(routeIds));
    this.upstreamNames = Collections.unmodifiableSet(new LinkedHashSet<>(upstreamNames));
    this.problems = problems;
  }

  /** The ids of every route declared on the gateway, in declaration order. */
  public Set<String> routeIds() {
    return routeIds;
  }

  /** The names of every upstream declared on the gateway, in declaration order. */
  public Set<String> upstreamNames() {
    return upstreamNames;
  }

  /**
   * Reports a configuration problem: {@link Gateway.Builder#build()} then fails with it in its
   * {@link GatewayConfigException} list. Name the component and what it refers to, such as {@code
   * "authentication: anonymousRoutes names unknown route 'helth'"}.
   */
  public void problem(String message) {
    problems.add(Objects.requireNonNull(message, "message"));
  }
}
