package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.ServiceDiscovery;
import java.io.Closeable;
import java.util.List;

/** A fixed list of instances, reported once. */
public final class StaticDiscovery implements ServiceDiscovery {
  private final List<Instance> instances;

  public StaticDiscovery(List<Instance> instances) {
    this.instances = instances;
  }

  @Override
  public Closeable start(Context context) {
    context.update(instances);
    return () -> {};
  }

  /** Equal when the instances are. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof StaticDiscovery other
        && java.util.Objects.equals(instances, other.instances);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(instances);
  }

  @Override
  public String toString() {
    return "static " + instances;
  }
}
