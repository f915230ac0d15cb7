package dev.frontdesk.gateway.grpc.internal;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Request;
import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which request headers become gRPC metadata (ASCII, lower-case keys). Only those named are sent,
 * so nothing a client sets reaches the service unless the operator chose it. {@code X-Request-Id}
 * carries the gateway's id for the request, as the proxy sends it upstream.
 */
public final class HeaderMetadata {
  /** Names gRPC reserves or HTTP/2 forbids as metadata. */
  private static final Set<String> RESERVED =
      Set.of(
          "content-type",
          "te",
          "host",
          "user-agent",
          "connection",
          "keep-alive",
          "transfer-encoding",
          "upgrade",
          "proxy-connection",
          "content-length");

  private final List<String> names;
  private final List<Metadata.Key<String>> keys;

  public HeaderMetadata(List<String> headerNames) {
    List<String> lower = new ArrayList<>();
    List<Metadata.Key<String>> keys = new ArrayList<>();
    for (String name : headerNames) {
      String key = name.toLowerCase(Locale.ROOT);
      if (!lower.contains(key)) {
        lower.add(key);
        keys.add(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
      }
    }
    this.names = List.copyOf(lower);
    this.keys = List.copyOf(keys);
  }

  /**
   * Checks that a header may be sent as metadata.
   *
   * @throws IllegalArgumentException naming the header and the reason
   */
  public static void check(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.startsWith("grpc-") || key.startsWith(":") || RESERVED.contains(key)) {
      throw new IllegalArgumentException(
          "header '" + name + "' is reserved by gRPC or HTTP/2 and cannot be sent as metadata");
    }
    if (key.endsWith("-bin")) {
      throw new IllegalArgumentException(
          "header '" + name + "': binary (-bin) metadata is not supported");
    }
    if (key.isEmpty()
        || !key.chars()
            .allMatch(
                c ->
                    c >= 'a' && c <= 'z'
                        || c >= '0' && c <= '9'
                        || c == '-'
                        || c == '_'
                        || c == '.')) {
      throw new IllegalArgumentException("header '" + name + "' is not a valid metadata key");
    }
  }

  /** The metadata for one call. */
  public Metadata from(Request request) {
    Metadata metadata = new Metadata();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.equals("x-request-id")) {
        String id = request.attribute(Attributes.REQUEST_ID);
        if (id != null) {
          metadata.put(keys.get(i), id);
          continue;
        }
      }
      for (String value : request.headers().values(name)) {
        metadata.put(keys.get(i), value);
      }
    }
    return metadata;
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
