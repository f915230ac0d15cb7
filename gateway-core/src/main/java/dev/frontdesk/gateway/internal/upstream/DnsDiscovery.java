package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.ServiceDiscovery;
import dev.frontdesk.gateway.internal.http.Origin;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance per A/AAAA address of a host name, resolved at start and again every TTL on the
 * gateway's scheduler. A failed lookup keeps the last list: a DNS hiccup must not empty a group.
 */
public final class DnsDiscovery implements ServiceDiscovery {
  private static final Logger log = LoggerFactory.getLogger(DnsDiscovery.class);

  /** Resolves a host name to its addresses. */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** The JVM's resolver (subject to {@code networkaddress.cache.ttl}). */
  public static final Resolver SYSTEM_RESOLVER =
      host -> Arrays.asList(InetAddress.getAllByName(host));

  private final Origin origin;
  private final Duration ttl;
  private final Resolver resolver;

  public DnsDiscovery(String url, Duration ttl, Resolver resolver) {
    this.origin = Origin.parse(url);
    this.ttl = ttl;
    this.resolver = resolver;
  }

  @Override
  public Closeable start(Context context) {
    refresh(context);
    ScheduledFuture<?> task =
        context
            .scheduler()
            .scheduleWithFixedDelay(
                () -> refresh(context), ttl.toMillis(), ttl.toMillis(), TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  /** Looks the host up and reports the instances; keeps the last list when the lookup fails. */
  void refresh(Context context) {
    try {
      List<Instance> instances = new ArrayList<>();
      for (InetAddress address : resolver.resolve(origin.hostName())) {
        String host = address.getHostAddress();
        String literal = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String u =
            origin.scheme() + "://" + literal + ":" + origin.port() + origin.basePath() + "/";
        instances.add(Instance.builder(u).metadata("host", origin.hostName()).build());
      }
      if (!instances.isEmpty()) {
        context.update(instances);
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "upstream '{}': resolving {} failed, keeping the last instances: {}",
          context.upstream(),
          origin.hostName(),
          e.toString());
    }
  }

  /** Equal when the name, the ttl and the resolver are. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof DnsDiscovery other
        && java.util.Objects.equals(origin, other.origin)
        && java.util.Objects.equals(ttl, other.ttl)
        && java.util.Objects.equals(resolver, other.resolver);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(origin, ttl, resolver);
  }

  @Override
  public String toString() {
    return "dns " + origin.hostName() + " every " + ttl;
  }
}
