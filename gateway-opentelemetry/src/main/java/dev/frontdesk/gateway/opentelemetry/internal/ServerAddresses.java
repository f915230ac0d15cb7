package dev.frontdesk.gateway.opentelemetry.internal;

import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.INSTANCE;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.SERVER_ADDRESS;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.SERVER_PORT;
import static dev.frontdesk.gateway.opentelemetry.internal.SpanAttributes.UPSTREAM;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The host and port of an instance URL, for a client span's {@code server.address} and {@code
 * server.port}, and the attributes a client span takes from its upstream and instance. Made once
 * per instance: a gateway has few, and the parse (and the attributes, with the port boxed) would
 * otherwise be made on every upstream try. The cache stops growing at a bound, for discovery that
 * keeps inventing names.
 */
public final class ServerAddresses {
  private static final int MAX_CACHED = 1024;
  private static final ServerAddress UNKNOWN = new ServerAddress(null, -1);

  private final Map<String, Instance> cache = new ConcurrentHashMap<>();

  /** A host (null when the URL has none) and a port (-1 when unknown). */
  public record ServerAddress(@Nullable String host, int port) {}

  /** An instance's address and the client-span attributes of one upstream's tries to it. */
  private record Instance(ServerAddress address, String upstream, Attributes attributes) {}

  public ServerAddress of(String instanceUrl) {
    Instance known = cache.get(instanceUrl);
    return known != null ? known.address() : parse(instanceUrl);
  }

  /**
   * {@code frontdesk.upstream}, {@code frontdesk.instance}, and {@code server.address} and {@code
   * server.port} when the instance URL has them.
   */
  Attributes clientAttributes(String upstream, String instanceUrl) {
    Instance known = cache.get(instanceUrl);
    if (known != null && known.upstream().equals(upstream)) {
      return known.attributes();
    }
    ServerAddress address = known != null ? known.address() : parse(instanceUrl);
    Instance made = new Instance(address, upstream, attributes(upstream, instanceUrl, address));
    if (known == null && cache.size() < MAX_CACHED) {
      cache.put(instanceUrl, made); // an instance shared by two upstreams keeps the first one's
    }
    return made.attributes();
  }

  private static Attributes attributes(String upstream, String instanceUrl, ServerAddress address) {
    AttributesBuilder b = Attributes.builder().put(UPSTREAM, upstream).put(INSTANCE, instanceUrl);
    if (address.host() != null) {
      b.put(SERVER_ADDRESS, address.host());
    }
    if (address.port() > 0) {
      b.put(SERVER_PORT, address.port());
    }
    return b.build();
  }

  static ServerAddress parse(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
    String host = uri.getHost();
    if (host == null) {
      return UNKNOWN;
    }
    if (host.startsWith("[")
        && host.endsWith("]")) { // an IPv6 literal is bracketed only in the URL
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort();
    if (port < 0 && uri.getScheme() != null) {
      port =
          switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
          };
    }
    return new ServerAddress(host, port);
  }
}
