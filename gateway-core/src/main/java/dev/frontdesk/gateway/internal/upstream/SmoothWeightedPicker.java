package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * NGINX's smooth weighted round robin: every pick adds each usable instance's weight to its current
 * score, takes the highest and subtracts the total from it. Shares match the weights exactly over
 * every cycle, and a heavy instance's turns are spread out instead of bunched.
 */
final class SmoothWeightedPicker implements Picker {
  private final LiveInstance[] instances;
  private final long[] current;

  SmoothWeightedPicker(LiveInstance[] instances) {
    this.instances = instances;
    this.current = new long[instances.length];
  }

  @Override
  public synchronized @Nullable LiveInstance pick(Request request, Predicate<LiveInstance> usable) {
    int best = -1;
    long total = 0;
    for (int i = 0; i < instances.length; i++) {
      LiveInstance e = instances[i];
      if (!usable.test(e)) {
        continue;
      }
      current[i] += e.weight();
      total += e.weight();
      if (best < 0 || current[i] > current[best]) {
        best = i;
      }
    }
    if (best < 0) {
      return null;
    }
    current[best] -= total;
    return instances[best];
  }
}
