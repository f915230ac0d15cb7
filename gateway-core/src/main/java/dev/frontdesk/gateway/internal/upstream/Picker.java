package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.Request;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Chooses an endpoint for a request among a fixed list, skipping those the filter refuses. One
 * picker per list of endpoints: a discovery update builds a new one.
 */
public interface Picker {
  /** An endpoint the filter accepts, or null when it accepts none. */
  @Nullable Endpoint pick(Request request, Predicate<Endpoint> usable);

  /** The picker for a policy over these endpoints. */
  static Picker create(LoadBalancing policy, List<Endpoint> endpoints) {
    Endpoint[] array = endpoints.toArray(new Endpoint[0]);
    return switch (policy.kind()) {
      case ROUND_ROBIN -> new RoundRobinPicker(array);
      case WEIGHTED_ROUND_ROBIN -> new SmoothWeightedPicker(array);
      case LEAST_IN_FLIGHT -> new LeastInFlightPicker(array);
      case CONSISTENT_HASH -> new ConsistentHashPicker(array, HashKey.of(policy));
    };
  }
}
