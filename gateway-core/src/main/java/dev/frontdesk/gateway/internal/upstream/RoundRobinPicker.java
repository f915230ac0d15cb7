package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Each endpoint in turn. An unusable endpoint's turn is spent (the counter moves on to the next
 * endpoint), so over each pass through the list every usable endpoint is picked once: with one of
 * three out, the other two get half each. Handing the turn to a random start that then probed
 * forward gave the unusable endpoint's next neighbour most of its share instead.
 */
final class RoundRobinPicker implements Picker {
  private final Endpoint[] endpoints;
  private final AtomicInteger next = new AtomicInteger();

  RoundRobinPicker(Endpoint[] endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public @Nullable Endpoint pick(Request request, Predicate<Endpoint> usable) {
    int n = endpoints.length;
    for (int i = 0; i < n; i++) {
      Endpoint e = endpoints[Math.floorMod(next.getAndIncrement(), n)];
      if (usable.test(e)) {
        return e;
      }
    }
    return null;
  }
}
