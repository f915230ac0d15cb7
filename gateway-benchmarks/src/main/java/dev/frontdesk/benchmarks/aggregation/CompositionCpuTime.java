package dev.frontdesk.benchmarks.aggregation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@link CompositionBenchmark} cases measured as CPU time of the calling thread, with legs on
 * the caller ("direct"), so that every cycle of the work is counted and none of the waiting for a
 * core: on a machine shared with other builds, wall-clock JMH scores mostly measure the neighbours.
 * Run: {@code java -cp <classpath> dev.frontdesk.benchmarks.aggregation.CompositionCpuTime [ops]}.
 */
public final class CompositionCpuTime {
  private CompositionCpuTime() {}

  /** A benchmark method to time. */
  @FunctionalInterface
  private interface Case {
    Object run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    CompositionBenchmark b = new CompositionBenchmark();
    b.executor = "direct";
    b.setUp();
    time("baselineCopyBytes", b::baselineCopyBytes, ops);
    time("baselineJacksonParseAndWrite", b::baselineJacksonParseAndWrite, ops);
    time("aggregateNested", b::aggregateNested, ops);
    time("aggregateShapedAndMerged", b::aggregateShapedAndMerged, ops);
  }

  private static void time(String name, Case c, int ops) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < ops; i++) {
      c.run(); // warm-up: as many runs as measured ones
    }
    long[] cpu = new long[ops];
    for (int i = 0; i < ops; i++) {
      long start = mx.getCurrentThreadCpuTime();
      c.run();
      cpu[i] = mx.getCurrentThreadCpuTime() - start;
    }
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "%-30s ops=%d cpu us/op: p10=%.0f median=%.0f p90=%.0f%n",
        name,
        ops,
        cpu[ops / 10] / 1000.0,
        cpu[ops / 2] / 1000.0,
        cpu[ops * 9 / 10] / 1000.0);
  }
}
