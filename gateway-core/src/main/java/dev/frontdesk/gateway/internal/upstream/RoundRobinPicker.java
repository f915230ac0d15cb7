package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Each endpoint in turn; an unusable one passes its turn to a random usable one. */
final class RoundRobinPicker implements Picker {
  private final Endpoint[] endpoints;
  private final AtomicInteger next = new AtomicInteger();

  RoundRobinPicker(Endpoint[] endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public @Nullable Endpoint pick(Request request, Predicate<Endpoint> usable) {
    int n = endpoints.length;
    if (n == 0) {
      return null;
    }
    Endpoint e = endpoints[Math.floorMod(next.getAndIncrement(), n)];
    if (usable.test(e)) {
      return e;
    }
    // Its turn goes to a random other endpoint, so no single neighbour inherits all of its share.
    int start = ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n; i++) {
      Endpoint other = endpoints[(start + i) % n];
      if (usable.test(other)) {
        return other;
      }
    }
    return null;
  }
}
