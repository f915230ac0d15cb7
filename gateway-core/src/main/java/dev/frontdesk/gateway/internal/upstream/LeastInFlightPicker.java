package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Power of two choices: two endpoints at random, the one with fewer requests in flight per unit
 * of weight wins. Nearly as good as scanning for the least loaded, at constant cost, and it does
 * not send a burst to the one endpoint that looked idle a moment ago.
 */
final class LeastInFlightPicker implements Picker {
  private final Endpoint[] endpoints;

  LeastInFlightPicker(Endpoint[] endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public @Nullable Endpoint pick(Request request, Predicate<Endpoint> usable) {
    int n = endpoints.length;
    if (n == 0) {
      return null;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int a = random.nextInt(n);
    Endpoint first = endpoints[a];
    if (n == 1) {
      return usable.test(first) ? first : null;
    }
    int b = (a + 1 + random.nextInt(n - 1)) % n;
    Endpoint second = endpoints[b];
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

  private @Nullable Endpoint leastLoaded(Predicate<Endpoint> usable, int start) {
    Endpoint best = null;
    for (int i = 0; i < endpoints.length; i++) {
      Endpoint e = endpoints[(start + i) % endpoints.length];
      if (usable.test(e) && (best == null || load(e) < load(best))) {
        best = e;
      }
    }
    return best;
  }

  private static double load(Endpoint e) {
    return (double) e.inFlight() / e.weight();
  }
}
