package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.upstream.DnsDiscovery;
import dev.frontdesk.gateway.internal.upstream.FileDiscovery;
import dev.frontdesk.gateway.internal.upstream.StaticDiscovery;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where an upstream's instances come from. The gateway starts a discovery when it is built and
 * closes it with the gateway; the discovery reports the full list of instances whenever it changes.
 * A change applies to the next pick: requests in flight to a removed instance finish normally, and
 * instances that stay keep their health and counters.
 *
 * <p>Implement it to read instances from a registry (Consul, Eureka, Kubernetes endpoints):
 *
 * <pre>{@code
 * ServiceDiscovery registry = context -> {
 *   Watch watch = consul.watch("orders", list -> context.update(toInstances(list)));
 *   return watch::stop;
 * };
 * Upstream.builder("orders").discovery(registry).build();
 * }</pre>
 */
@FunctionalInterface
public interface ServiceDiscovery {
  /**
   * Starts reporting instances to {@code context}; the returned handle stops it. May report the
   * first list before returning. Must not block for long: do slow work on the context's scheduler.
   */
  Closeable start(Context context) throws IOException;

  /** What a discovery gets from the gateway. */
  interface Context {
    /** The upstream's name, for logs. */
    String upstream();

    /** Replaces the upstream's instances with these. Thread-safe. */
    void update(List<Instance> instances);

    /** The gateway's small scheduler for periodic work; its tasks must be short. */
    ScheduledExecutorService scheduler();
  }

  /** A fixed list of instances. */
  static ServiceDiscovery of(List<Instance> instances) {
    return new StaticDiscovery(List.copyOf(instances));
  }

  /** A fixed list of instances. */
  static ServiceDiscovery of(Instance... instances) {
    return of(List.of(instances));
  }

  /**
   * The A and AAAA records of the URL's host, one instance per address with the URL's scheme, port
   * and path, resolved again every {@code ttl}. Java's resolver does not expose record TTLs: set
   * {@code ttl} to the records' TTL, and keep the JVM's {@code networkaddress.cache.ttl} below it.
   */
  static ServiceDiscovery dns(String url, Duration ttl) {
    Objects.requireNonNull(url, "url");
    return new DnsDiscovery(url, Durations.positive(ttl, "ttl"), DnsDiscovery.SYSTEM_RESOLVER);
  }

  /**
   * Instances listed in a JSON or YAML file (by extension: {@code .yaml}/{@code .yml} need
   * jackson-dataformat-yaml on the class path), read again whenever its content changes (checked
   * every {@code pollInterval}). A broken file is logged and the last good list kept. The file is a
   * list, or an object with an {@code instances} list, of URLs or of objects with {@code url},
   * {@code weight}, {@code zone} and {@code metadata}.
   */
  static ServiceDiscovery file(Path path, Duration pollInterval) {
    Objects.requireNonNull(path, "path");
    return new FileDiscovery(path, Durations.positive(pollInterval, "pollInterval"));
  }
}
