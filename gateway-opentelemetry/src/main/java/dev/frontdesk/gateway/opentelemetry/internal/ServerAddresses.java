package dev.frontdesk.gateway.opentelemetry.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The host and port of an instance URL, for a client span's {@code server.address} and {@code
 * server.port}. Parsed once per instance: a gateway has few, and the parse would otherwise run on
 * every upstream try. The cache stops growing at a bound, for discovery that keeps inventing names.
 */
public final class ServerAddresses {
  private static final int MAX_CACHED = 1024;
  private static final ServerAddress UNKNOWN = new ServerAddress(null, -1);

  private final Map<String, ServerAddress> cache = new ConcurrentHashMap<>();

  /** A host (null when the URL has none) and a port (-1 when unknown). */
  public record ServerAddress(@Nullable String host, int port) {}

  public ServerAddress of(String instanceUrl) {
    ServerAddress known = cache.get(instanceUrl);
    if (known != null) {
      return known;
    }
    ServerAddress parsed = parse(instanceUrl);
    if (cache.size() < MAX_CACHED) {
      cache.put(instanceUrl, parsed);
    }
    return parsed;
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
    if (host.startsWith("[") && host.endsWith("]")) { // an IPv6 literal is bracketed only in the URL
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort();
    if (port < 0 && uri.getScheme() != null) {
      port = switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
        case "http" -> 80;
        case "https" -> 443;
        default -> -1;
      };
    }
    return new ServerAddress(host, port);
  }
}
