package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Each instance in turn. A turn that falls on an unusable instance is handed to the usable ones in
 * turn, by a second counter, so that they share it evenly: with one of three out, the other two get
 * half each, however many threads pick at once. (Handing the turn to a random start that then
 * probed forward gave the next neighbour most of its share; moving the first counter on again
 * skewed it under contention.)
 */
final class RoundRobinPicker implements Picker {
  private final LiveInstance[] instances;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger spilled = new AtomicInteger();

  RoundRobinPicker(LiveInstance[] instances) {
    this.instances = instances;
  }

  @Override
  public @Nullable LiveInstance pick(Request request, Predicate<LiveInstance> usable) {
    int n = instances.length;
    if (n == 0) {
      return null;
    }
    LiveInstance turn = instances[Math.floorMod(next.getAndIncrement(), n)];
    if (usable.test(turn)) {
      return turn;
    }
    int count = 0;
    for (LiveInstance e : instances) {
      if (usable.test(e)) {
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    int k = Math.floorMod(spilled.getAndIncrement(), count);
    for (LiveInstance e : instances) {
      if (usable.test(e) && k-- == 0) {
        return e;
      }
    }
    for (LiveInstance e : instances) { // usability changed while we counted: any usable one will do
      if (usable.test(e)) {
        return e;
      }
    }
    return null;
  }
}
