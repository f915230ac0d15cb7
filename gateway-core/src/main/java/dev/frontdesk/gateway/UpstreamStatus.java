package dev.frontdesk.gateway;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named upstream as it stands now, for dashboards and the admin endpoints: {@link
 * Gateway#upstreams()}. A snapshot; it does not change afterwards.
 *
 * @param name the upstream's name
 * @param circuit the upstream-wide circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code
 *     HALF_OPEN}), or null when it has none
 * @param instances its current instances
 */
public record UpstreamStatus(
    String name, @Nullable String circuit, List<InstanceStatus> instances) {
  public UpstreamStatus {
    Objects.requireNonNull(name, "name");
    instances = List.copyOf(instances);
  }

  /** Whether at least one instance takes traffic. */
  public boolean hasAvailableInstance() {
    return instances.stream().anyMatch(InstanceStatus::available);
  }

  /**
   * One instance.
   *
   * @param url its URL as discovered or declared
   * @param available whether it takes traffic now (healthy, not ejected, circuit not open)
   * @param healthy whether it passes its health checks (true without health checks)
   * @param ejected whether outlier detection has taken it out for a while
   * @param circuit its own circuit breaker's state, or null when breakers are per upstream or off
   * @param inFlight requests sent to it and not yet answered
   */
  public record InstanceStatus(
      String url,
      boolean available,
      boolean healthy,
      boolean ejected,
      @Nullable String circuit,
      int inFlight) {
    public InstanceStatus {
      Objects.requireNonNull(url, "url");
    }
  }
}
