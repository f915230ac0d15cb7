package dev.frontdesk.benchmarks.routing;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The 10,000-route / 10-route cost ratio measured for a busy machine: batches against the small and
 * the large gateway alternate every few milliseconds, each timed in this thread's CPU time, so both
 * sides see the same load; the figure is the median of the per-pair ratios. A check on {@link
 * RouteMatchingBenchmark}'s ratio, whose two sides run minutes apart.
 *
 * <pre>{@code
 * java -cp gateway-benchmarks/target/benchmarks.jar dev.frontdesk.benchmarks.routing.RouteCountRatio
 * }</pre>
 */
public final class RouteCountRatio {
  private static final int BATCH = 20_000;
  private static final int PAIRS = 150;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static int sink;

  private RouteCountRatio() {}

  /** Prints one line per request kind: median CPU ns/op for 10 and 10,000 routes, and the ratio. */
  public static void main(String[] args) {
    try (Gateway small = RouteTable.gateway(10);
        Gateway large = RouteTable.gateway(10_000)) {
      System.out.printf("%-28s %12s %12s %10s%n", "request", "10 (ns/op)", "10000", "ratio");
      for (String kind : RouteTable.SAMPLES) {
        compare(kind, small, RouteTable.sample(kind, 10), large, RouteTable.sample(kind, 10_000));
      }
    }
    System.out.println("(status checksum " + sink + ")");
  }

  private static void compare(
      String kind, Gateway small, Request toSmall, Gateway large, Request toLarge) {
    for (int i = 0; i < 50; i++) {
      batch(small, toSmall);
      batch(large, toLarge);
    }
    double[] smallNs = new double[PAIRS];
    double[] largeNs = new double[PAIRS];
    double[] ratios = new double[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      smallNs[i] = batch(small, toSmall);
      largeNs[i] = batch(large, toLarge);
      ratios[i] = largeNs[i] / smallNs[i];
    }
    System.out.printf(
        "%-28s %12.0f %12.0f %10.2f%n", kind, median(smallNs), median(largeNs), median(ratios));
  }

  private static double batch(Gateway gateway, Request request) {
    long start = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < BATCH; i++) {
      try (Response response = gateway.handle(request)) {
        sink += response.status();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return (double) (THREADS.getCurrentThreadCpuTime() - start) / BATCH;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
