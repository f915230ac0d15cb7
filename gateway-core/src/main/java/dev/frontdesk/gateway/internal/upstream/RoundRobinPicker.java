package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Each endpoint in turn; an unusable one passes its turn to the next. */
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
    int start = Math.floorMod(next.getAndIncrement(), n);
    for (int i = 0; i < n; i++) {
      Endpoint e = endpoints[(start + i) % n];
      if (usable.test(e)) {
        return e;
      }
    }
    return null;
  }
}
