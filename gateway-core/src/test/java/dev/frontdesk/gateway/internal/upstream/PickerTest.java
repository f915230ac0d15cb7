package dev.frontdesk.gateway.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The balancing algorithms on their own, without a network: shares, stickiness, remapping. */
class PickerTest {
  private static final Request PLAIN = Request.of("GET", "/");

  @Test
  void smoothWeightedRoundRobinMatchesTheWeightsWithinTwoPercentOverTenThousandPicks() {
    List<LiveInstance> instances =
        List.of(instance("http://a:1", 5), instance("http://b:1", 3), instance("http://c:1", 2));
    Picker picker = Picker.create(LoadBalancing.weightedRoundRobin(), instances);

    Map<LiveInstance, Integer> counts = count(picker, 10_000);

    assertThat(share(counts, instances.get(0))).isCloseTo(0.5, within(0.02));
    assertThat(share(counts, instances.get(1))).isCloseTo(0.3, within(0.02));
    assertThat(share(counts, instances.get(2))).isCloseTo(0.2, within(0.02));
  }

  @Test
  void smoothWeightedRoundRobinInterleavesTheHeavyInstanceInsteadOfBunchingIt() {
    LiveInstance heavy = instance("http://a:1", 5);
    LiveInstance light = instance("http://b:1", 1);
    Picker picker = Picker.create(LoadBalancing.weightedRoundRobin(), List.of(heavy, light));

    List<LiveInstance> cycle =
        IntStream.range(0, 6).mapToObj(i -> picker.pick(PLAIN, e -> true)).toList();

    assertThat(cycle).filteredOn(e -> e == light).hasSize(1);
    assertThat(cycle.indexOf(light)).isBetween(1, 4); // not first nor last: spread out
  }

  @Test
  void weightedRoundRobinSharesTheUnusableInstancesTurnsAmongTheOthers() {
    List<LiveInstance> instances =
        List.of(instance("http://a:1", 3), instance("http://b:1", 1), instance("http://c:1", 1));
    Picker picker = Picker.create(LoadBalancing.weightedRoundRobin(), instances);

    Map<LiveInstance, Integer> counts = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      counts.merge(picker.pick(PLAIN, e -> e != instances.get(2)), 1, Integer::sum);
    }

    assertThat(counts).doesNotContainKey(instances.get(2));
    assertThat(share(counts, instances.get(0))).isCloseTo(0.75, within(0.02));
  }

  @Test
  void roundRobinTakesEachInstanceInTurnAndSkipsUnusableOnes() {
    List<LiveInstance> instances =
        List.of(instance("http://a:1", 1), instance("http://b:1", 1), instance("http://c:1", 1));
    Picker picker = Picker.create(LoadBalancing.roundRobin(), instances);

    Map<LiveInstance, Integer> counts = count(picker, 9_000);
    LiveInstance skipped = picker.pick(PLAIN, e -> e != instances.get(1));

    assertThat(counts.values()).containsOnly(3_000);
    assertThat(skipped).isNotSameAs(instances.get(1));
    assertThat(picker.pick(PLAIN, e -> false)).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void roundRobinSplitsAnUnusableInstancesShareEvenlyBetweenTheOthers(int out) {
    List<LiveInstance> instances =
        List.of(instance("http://a:1", 1), instance("http://b:1", 1), instance("http://c:1", 1));
    Picker picker = Picker.create(LoadBalancing.roundRobin(), instances);

    Map<LiveInstance, Integer> counts = new HashMap<>();
    for (int i = 0; i < 9_000; i++) {
      counts.merge(picker.pick(PLAIN, e -> e != instances.get(out)), 1, Integer::sum);
    }

    assertThat(counts).doesNotContainKey(instances.get(out)).hasSize(2);
    for (LiveInstance e : counts.keySet()) {
      assertThat(share(counts, e)).isCloseTo(0.5, within(0.005));
    }
  }

  @Test
  void roundRobinStaysEvenWithAnInstanceOutWhenFourThreadsPickAtOnce() throws Exception {
    List<LiveInstance> instances =
        List.of(instance("http://a:1", 1), instance("http://b:1", 1), instance("http://c:1", 1));
    Picker picker = Picker.create(LoadBalancing.roundRobin(), instances);
    Map<LiveInstance, LongAdder> counts = new ConcurrentHashMap<>();
    Runnable picks =
        () -> {
          for (int i = 0; i < 20_000; i++) {
            counts
                .computeIfAbsent(
                    picker.pick(PLAIN, e -> e != instances.get(1)), e -> new LongAdder())
                .increment();
          }
        };

    List<Thread> threads = IntStream.range(0, 4).mapToObj(i -> new Thread(picks)).toList();
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(counts).doesNotContainKey(instances.get(1));
    assertThat(counts.get(instances.get(0)).sum() / 80_000.0).isCloseTo(0.5, within(0.02));
    assertThat(counts.get(instances.get(2)).sum() / 80_000.0).isCloseTo(0.5, within(0.02));
  }

  @Test
  void leastInFlightAvoidsTheBusiestInstance() {
    LiveInstance busy = instance("http://a:1", 1);
    LiveInstance idle1 = instance("http://b:1", 1);
    LiveInstance idle2 = instance("http://c:1", 1);
    Picker picker = Picker.create(LoadBalancing.leastInFlight(), List.of(busy, idle1, idle2));
    Request request = PLAIN;
    for (int i = 0; i < 10; i++) {
      busy.requestSent();
    }

    Map<LiveInstance, Integer> counts = new HashMap<>();
    for (int i = 0; i < 3_000; i++) {
      counts.merge(picker.pick(request, e -> true), 1, Integer::sum);
    }

    // Power of two choices: the busy one only wins when it is drawn twice, which never happens.
    assertThat(counts).doesNotContainKey(busy);
    assertThat(counts.get(idle1)).isBetween(1_200, 1_800);
  }

  @Test
  void consistentHashingSendsTheSameKeyToTheSameInstance() {
    Picker picker = Picker.create(LoadBalancing.consistentHashOnHeader("X-User"), instances(5));

    for (int i = 0; i < 200; i++) {
      Request r = keyed("user-" + i);
      assertThat(picker.pick(r, e -> true)).isSameAs(picker.pick(r, e -> true));
    }
  }

  @Test
  void removingOneOfFiveInstancesRemapsOnlyItsOwnKeysAboutOneFifth() {
    List<LiveInstance> all = instances(5);
    Picker before = Picker.create(LoadBalancing.consistentHashOnHeader("X-User"), all);
    Picker after = Picker.create(LoadBalancing.consistentHashOnHeader("X-User"), all.subList(0, 4));

    int moved = 0;
    int movedFromSurvivors = 0;
    for (int i = 0; i < 10_000; i++) {
      Request r = keyed("user-" + i);
      LiveInstance was = before.pick(r, e -> true);
      LiveInstance now = after.pick(r, e -> true);
      if (was != now) {
        moved++;
        movedFromSurvivors += was == all.get(4) ? 0 : 1;
      }
    }

    assertThat(movedFromSurvivors).isZero();
    assertThat(moved / 10_000.0).isLessThanOrEqualTo(1 / 5.0 + 0.03);
  }

  @Test
  void addingASixthInstanceTakesAboutOneSixthOfTheKeysAndOnlyForItself() {
    List<LiveInstance> six = instances(6);
    Picker before =
        Picker.create(LoadBalancing.consistentHashOnCookie("session"), six.subList(0, 5));
    Picker after = Picker.create(LoadBalancing.consistentHashOnCookie("session"), six);

    int moved = 0;
    for (int i = 0; i < 10_000; i++) {
      Request r =
          Request.of("GET", "/").newBuilder().header("Cookie", "theme=dark; session=s" + i).build();
      LiveInstance now = after.pick(r, e -> true);
      if (before.pick(r, e -> true) != now) {
        moved++;
        assertThat(now).isSameAs(six.get(5));
      }
    }

    assertThat(moved / 10_000.0).isBetween(0.05, 1 / 6.0 + 0.03);
  }

  @Test
  void anUnusableOwnerPassesOnlyItsOwnKeysToTheNextInstanceOnTheRing() {
    List<LiveInstance> all = instances(4);
    Picker picker = Picker.create(LoadBalancing.consistentHashOnHeader("X-User"), all);
    LiveInstance down = all.get(2);

    for (int i = 0; i < 2_000; i++) {
      Request r = keyed("user-" + i);
      LiveInstance owner = picker.pick(r, e -> true);
      LiveInstance chosen = picker.pick(r, e -> e != down);
      assertThat(chosen).isNotSameAs(down);
      if (owner != down) {
        assertThat(chosen).isSameAs(owner);
      }
    }
  }

  @Test
  void consistentHashingOnClientIpKeepsAClientOnOneInstance() {
    Picker picker = Picker.create(LoadBalancing.consistentHashOnClientIp(), instances(3));
    Request client = Request.of("GET", "/").newBuilder().remoteAddress("203.0.113.9").build();

    LiveInstance first = picker.pick(client, e -> true);

    for (int i = 0; i < 50; i++) {
      assertThat(picker.pick(client, e -> true)).isSameAs(first);
    }
  }

  static LiveInstance instance(String url, int weight) {
    return LiveInstance.of(Instance.builder(url).weight(weight).build());
  }

  static List<LiveInstance> instances(int n) {
    List<LiveInstance> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(instance("http://10.0.0." + (i + 1) + ":8080", 1));
    }
    return list;
  }

  private static Request keyed(String key) {
    return Request.of("GET", "/").newBuilder().header("X-User", key).build();
  }

  private static Map<LiveInstance, Integer> count(Picker picker, int picks) {
    Map<LiveInstance, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(picker.pick(PLAIN, e -> true), 1, Integer::sum);
    }
    return counts;
  }

  private static double share(Map<LiveInstance, Integer> counts, LiveInstance e) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return counts.getOrDefault(e, 0) / (double) total;
  }
}
