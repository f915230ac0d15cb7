package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.Request;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Chooses an instance for a request among a fixed list, skipping those the filter refuses. One
 * picker per list of instances: a discovery update builds a new one.
 */
public interface Picker {
  /** An instance the filter accepts, or null when it accepts none. */
  @Nullable LiveInstance pick(Request request, Predicate<LiveInstance> usable);

  /** The picker for a policy over these instances. */
  static Picker create(LoadBalancing policy, List<LiveInstance> instances) {
    LiveInstance[] array = instances.toArray(new LiveInstance[0]);
    return switch (policy.kind()) {
      case ROUND_ROBIN -> new RoundRobinPicker(array);
      case WEIGHTED_ROUND_ROBIN -> new SmoothWeightedPicker(array);
      case LEAST_IN_FLIGHT -> new LeastInFlightPicker(array);
      case CONSISTENT_HASH -> new ConsistentHashPicker(array, HashKey.of(policy));
    };
  }
}
