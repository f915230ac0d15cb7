package dev.frontdesk.gateway.aggregation.internal;

import dev.frontdesk.gateway.aggregation.CollisionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Proves at build time that no two writers of the composed object can write the same key, or
 * demands a declared policy. A nested leg writes one known key; a merged leg writes the keys of its
 * {@code include(..)} list after renames, and unknown keys without one, which could collide with
 * anything.
 */
final class Collisions {
  /** A writer of top-level keys; {@code keys} is null when they are not known before run time. */
  private record Writer(String name, @Nullable Set<String> keys) {}

  private Collisions() {}

  static void check(
      List<LegSpec> legs,
      @Nullable CollisionPolicy policy,
      @Nullable String statusKey,
      List<String> problems) {
    List<Writer> writers = new ArrayList<>();
    for (LegSpec leg : legs) {
      if (leg.merge && leg.forEachLeg != null) {
        problems.add(
            "leg '"
                + leg.name
                + "' runs forEach(...) and so answers an array, which cannot"
                + " be merged into an object: nest it instead");
      }
      writers.add(
          new Writer(
              "leg '" + leg.name + "'", leg.merge ? mergedKeys(leg) : Set.of(leg.outputKey())));
    }
    if (statusKey != null) {
      writers.add(new Writer("the status block", Set.of(statusKey)));
    }
    if (policy != null) {
      return;
    }
    for (int i = 0; i < writers.size(); i++) {
      for (int j = i + 1; j < writers.size(); j++) {
        String clash = clash(writers.get(i), writers.get(j));
        if (clash != null) {
          problems.add(
              writers.get(i).name()
                  + " and "
                  + writers.get(j).name()
                  + " "
                  + clash
                  + ": declare onCollision(NAMESPACE | FIRST_WINS | DEEP_MERGE | APPEND) or make the"
                  + " keys disjoint with include(..)/rename(..)/as(..)");
        }
      }
    }
  }

  private static @Nullable Set<String> mergedKeys(LegSpec leg) {
    if (leg.include == null) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String field : leg.include) {
      keys.add(leg.renames.getOrDefault(field, field));
    }
    return keys;
  }

  private static @Nullable String clash(Writer a, Writer b) {
    if (a.keys() == null || b.keys() == null) {
      return "may write the same keys (a merged leg without include(..) can write any key)";
    }
    Set<String> common = new LinkedHashSet<>(a.keys());
    common.retainAll(b.keys());
    return common.isEmpty() ? null : "both write " + common;
  }
}
