package dev.frontdesk.benchmarks.upstream;

import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.OutlierDetection;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.internal.TimeSource;
import dev.frontdesk.gateway.internal.upstream.LiveInstance;
import dev.frontdesk.gateway.internal.upstream.Picker;
import dev.frontdesk.gateway.internal.upstream.UpstreamGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What choosing an upstream instance costs per request: each balancing policy's picker on its own,
 * and the group's whole pick (availability filter, ejection and circuit checks, not-yet-tried list)
 * as the proxy calls it. The bar is well under 1 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoadBalancerBenchmark {
  @Param({"3", "30"})
  public int instances;

  @Param({"ROUND_ROBIN", "WEIGHTED_ROUND_ROBIN", "LEAST_IN_FLIGHT", "CONSISTENT_HASH"})
  public String policy;

  private Picker picker;
  private UpstreamGroup group;
  private Request request;

  @Setup
  public void setUp() {
    LoadBalancing balancing =
        switch (policy) {
          case "ROUND_ROBIN" -> LoadBalancing.roundRobin();
          case "WEIGHTED_ROUND_ROBIN" -> LoadBalancing.weightedRoundRobin();
          case "LEAST_IN_FLIGHT" -> LoadBalancing.leastInFlight();
          default -> LoadBalancing.consistentHashOnHeader("X-User");
        };
    List<Instance> list = new ArrayList<>();
    List<LiveInstance> live = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      Instance instance =
          Instance.builder("http://10.0.0." + (i + 1) + ":8080").weight(1 + i % 3).build();
      list.add(instance);
      live.add(LiveInstance.of(instance));
    }
    picker = Picker.create(balancing, live);
    group =
        new UpstreamGroup(
            "bench",
            balancing,
            OutlierDetection.defaults(),
            null,
            null,
            TimeSource.SYSTEM,
            dev.frontdesk.gateway.internal.Listeners.NONE);
    group.update(list);
    request = Request.of("GET", "/users/42").newBuilder().header("X-User", "user-4711").build();
  }

  @Benchmark
  public LiveInstance picker() {
    return picker.pick(request, e -> true);
  }

  @Benchmark
  public LiveInstance groupPick() {
    return group.pick(request, List.of());
  }
}
