package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Request;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A hash ring (Karger et al.): each instance owns points derived from its URL alone, so adding or
 * removing one instance moves only the keys on its own arcs, about 1/N of them. A key goes to the
 * owner of the first point at or after its hash; when that owner is unusable the walk goes on
 * clockwise, so only that owner's keys move. Requests without a key are spread at random.
 */
final class ConsistentHashPicker implements Picker {
  /** Points per unit of weight: enough to keep shares within a few percent of the weights. */
  static final int POINTS_PER_WEIGHT = 160;

  private final LiveInstance[] instances;
  private final HashKey key;
  private final long[] points;
  private final LiveInstance[] owners;

  ConsistentHashPicker(LiveInstance[] instances, HashKey key) {
    this.instances = instances;
    this.key = key;
    int total = 0;
    for (LiveInstance e : instances) {
      total += pointsFor(e);
    }
    long[] raw = new long[total];
    LiveInstance[] rawOwners = new LiveInstance[total];
    int k = 0;
    for (LiveInstance e : instances) {
      for (int i = 0, n = pointsFor(e); i < n; i++, k++) {
        raw[k] = hash(e.instance().url() + '#' + i);
        rawOwners[k] = e;
      }
    }
    Integer[] order = new Integer[total];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (x, y) -> Long.compare(raw[x], raw[y]));
    this.points = new long[total];
    this.owners = new LiveInstance[total];
    for (int i = 0; i < total; i++) {
      points[i] = raw[order[i]];
      owners[i] = rawOwners[order[i]];
    }
  }

  private static int pointsFor(LiveInstance e) {
    return Math.min(POINTS_PER_WEIGHT * e.weight(), 20_000);
  }

  @Override
  public @Nullable LiveInstance pick(Request request, Predicate<LiveInstance> usable) {
    if (points.length == 0) {
      return null;
    }
    String value = key.of(request);
    return value == null ? anyUsable(usable) : owner(hash(value), usable);
  }

  /** The instance owning this hash, walking on past unusable instances. */
  @Nullable LiveInstance owner(long hash, Predicate<LiveInstance> usable) {
    int i = Arrays.binarySearch(points, hash);
    int start = i >= 0 ? i : -i - 1;
    LiveInstance refused = null;
    for (int step = 0; step < points.length; step++) {
      LiveInstance e = owners[(start + step) % points.length];
      if (e == refused) {
        continue;
      }
      if (usable.test(e)) {
        return e;
      }
      refused = e;
    }
    return null;
  }

  private @Nullable LiveInstance anyUsable(Predicate<LiveInstance> usable) {
    int n = instances.length;
    int start = ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n; i++) {
      LiveInstance e = instances[(start + i) % n];
      if (usable.test(e)) {
        return e;
      }
    }
    return null;
  }

  /** FNV-1a over the characters, then MurmurHash3's 64-bit finaliser to spread the bits. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
