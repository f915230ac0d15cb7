package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Power of two choices: two instances at random, the one with fewer requests in flight per unit of
 * weight wins. Nearly as good as scanning for the least loaded, at constant cost, and it does not
 * send a burst to the one instance that looked idle a moment ago.
 */
final class LeastInFlightPicker implements Picker {
  private final LiveInstance[] instances;

  LeastInFlightPicker(LiveInstance[] instances) {
    this.instances = instances;
  }

  @Override
  public @Nullable LiveInstance pick(Request request, Predicate<LiveInstance> usable) {
    int n = instances.length;
    if (n == 0) {
      return null;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int a = random.nextInt(n);
    LiveInstance first = instances[a];
    if (n == 1) {
      return usable.test(first) ? first : null;
    }
    int b = (a + 1 + random.nextInt(n - 1)) % n;
    LiveInstance second = instances[b];
    boolean firstUsable = usable.test(first);
    boolean secondUsable = usable.test(second);
    if (firstUsable && secondUsable) {
      return load(second) < load(first) ? second : first;
    }
    if (firstUsable || secondUsable) {
      return firstUsable ? first : second;
    }
    return leastLoaded(usable, a);
  }

  private @Nullable LiveInstance leastLoaded(Predicate<LiveInstance> usable, int start) {
    LiveInstance best = null;
    for (int i = 0; i < instances.length; i++) {
      LiveInstance e = instances[(start + i) % instances.length];
      if (usable.test(e) && (best == null || load(e) < load(best))) {
        best = e;
      }
    }
    return best;
  }

  private static double load(LiveInstance e) {
    return (double) e.inFlight() / e.weight();
  }
}
