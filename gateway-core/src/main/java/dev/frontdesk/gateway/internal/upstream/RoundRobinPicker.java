package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Each endpoint in turn. A turn that falls on an unusable endpoint is handed to the usable ones in
 * turn, by a second counter, so that they share it evenly: with one of three out, the other two
 * get half each, however many threads pick at once. (Handing the turn to a random start that then
 * probed forward gave the next neighbour most of its share; moving the first counter on again
 * skewed it under contention.)
 */
final class RoundRobinPicker implements Picker {
  private final Endpoint[] endpoints;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger spilled = new AtomicInteger();

  RoundRobinPicker(Endpoint[] endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public @Nullable Endpoint pick(Request request, Predicate<Endpoint> usable) {
    int n = endpoints.length;
    if (n == 0) {
      return null;
    }
    Endpoint turn = endpoints[Math.floorMod(next.getAndIncrement(), n)];
    if (usable.test(turn)) {
      return turn;
    }
    int count = 0;
    for (Endpoint e : endpoints) {
      if (usable.test(e)) {
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    int k = Math.floorMod(spilled.getAndIncrement(), count);
    for (Endpoint e : endpoints) {
      if (usable.test(e) && k-- == 0) {
        return e;
      }
    }
    for (Endpoint e : endpoints) { // usability changed while we counted: any usable one will do
      if (usable.test(e)) {
        return e;
      }
    }
    return null;
  }
}
