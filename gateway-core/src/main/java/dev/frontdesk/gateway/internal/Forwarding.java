package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's edge rules for who the client is: the client address, the request id, the fields a
 * request loses at the edge, and the forwarding headers sent upstream ({@code X-Forwarded-*},
 * {@code Forwarded}, {@code Via}, {@code X-Real-IP}). Client-sent forwarding headers are believed
 * only from trusted proxies; from anybody else they are replaced.
 */
public final class Forwarding {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final List<String> ALWAYS_SET =
      List.of(
          "X-Forwarded-For",
          "X-Forwarded-Proto",
          "X-Forwarded-Host",
          "X-Forwarded-Port",
          "Forwarded");

  private final TrustedProxies trusted;
  private final boolean forwardedHeader;
  private final boolean realIpHeader;
  private final @Nullable Via via;
  private final boolean allowUnderscores;

  /**
   * @param realIpHeader whether {@code X-Real-IP} is set to the client's address
   * @param viaPseudonym the name in the gateway's {@code Via} entries, or null for none
   * @param allowUnderscores whether header names with {@code _} are let in
   */
  public Forwarding(
      TrustedProxies trusted,
      boolean forwardedHeader,
      boolean realIpHeader,
      @Nullable String viaPseudonym,
      boolean allowUnderscores) {
    this.trusted = trusted;
    this.forwardedHeader = forwardedHeader;
    this.realIpHeader = realIpHeader;
    this.via = viaPseudonym == null ? null : new Via(viaPseudonym);
    this.allowUnderscores = allowUnderscores;
  }

  /** The edge rules with every option at its default. */
  public static Forwarding defaults(TrustedProxies trusted) {
    return new Forwarding(trusted, false, false, "frontdesk", false);
  }

  public boolean fromTrustedProxy(Request request) {
    return trusted.contains(request.remoteAddress());
  }

  /**
   * The original client: the peer, or, when the peer is a trusted proxy, the right-most address in
   * X-Forwarded-For that is not itself a trusted proxy (entries to its left are client-controlled).
   */
  public String clientAddress(Request request, boolean fromTrustedProxy) {
    if (!fromTrustedProxy) {
      return request.remoteAddress();
    }
    List<String> values = request.headers().values("X-Forwarded-For");
    String client = request.remoteAddress();
    for (int v = values.size() - 1; v >= 0; v--) {
      String[] hops = values.get(v).split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].strip();
        if (hop.isEmpty()) {
          continue;
        }
        if (TrustedProxies.parseLiteral(hop) == null) {
          return client; // garbage: stop at the last address we could vouch for
        }
        client = hop;
        if (!trusted.contains(hop)) {
          return client;
        }
      }
    }
    return client;
  }

  /** The request's id: a trusted proxy's {@code X-Request-Id} if sane, else a new one. */
  public String requestId(Request request, boolean fromTrustedProxy) {
    if (fromTrustedProxy) {
      String id = request.header("X-Request-Id");
      if (id != null && id.length() <= 128 && id.chars().allMatch(Forwarding::isIdChar)) {
        return id;
      }
    }
    long random = ThreadLocalRandom.current().nextLong();
    char[] id = new char[16];
    for (int i = 15; i >= 0; i--) {
      id[i] = HEX[(int) (random & 0xf)];
      random >>>= 4;
    }
    return new String(id);
  }

  private static boolean isIdChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == ':';
  }

  /**
   * The request's headers as middleware and upstreams may see them: without client-address fields a
   * client that is not a trusted proxy sent, nor, unless allowed, names with underscores.
   */
  public Headers edgeHeaders(Request request, boolean fromTrustedProxy) {
    return EdgeHeaders.clean(request.headers(), fromTrustedProxy, allowUnderscores);
  }

  /** The names {@link #apply} writes: a proxy copies none of them from the request. */
  List<String> fieldsSet() {
    if (via == null && !realIpHeader) {
      return ALWAYS_SET;
    }
    List<String> names = new java.util.ArrayList<>(ALWAYS_SET);
    if (via != null) {
      names.add("Via");
    }
    if (realIpHeader) {
      names.add("X-Real-IP");
    }
    return names;
  }

  /** The gateway's {@code Via} entries, or null when it adds none. */
  @Nullable Via via() {
    return via;
  }

  /**
   * Writes X-Forwarded-For/Proto/Host/Port (and Forwarded, Via, X-Real-IP when enabled) for the
   * upstream.
   */
  public void apply(Request request, boolean fromTrustedProxy, HeaderSink sink) {
    String remote = request.remoteAddress();
    String xff = fromTrustedProxy ? joined(request, "X-Forwarded-For") : null;
    sink.set("X-Forwarded-For", xff == null ? remote : xff + ", " + remote);
    String hostHeader = request.header("Host");
    String host = hostHeader != null ? hostHeader : request.host();
    setUnlessTrusted(request, fromTrustedProxy, sink, "X-Forwarded-Proto", request.scheme());
    setUnlessTrusted(request, fromTrustedProxy, sink, "X-Forwarded-Host", host);
    setUnlessTrusted(
        request, fromTrustedProxy, sink, "X-Forwarded-Port", Integer.toString(request.port()));
    String priorForwarded = fromTrustedProxy ? joined(request, "Forwarded") : null;
    if (forwardedHeader) {
      String element =
          "for="
              + quoteNode(remote)
              + ";proto="
              + request.scheme()
              + ";host=\""
              + host.replace("\"", "")
              + "\"";
      sink.set("Forwarded", priorForwarded == null ? element : priorForwarded + ", " + element);
    } else if (priorForwarded != null) {
      sink.set("Forwarded", priorForwarded);
    }
    if (via != null) {
      sink.set("Via", via.appendedTo(request.headers().values("Via"), request.protocol()));
    }
    if (realIpHeader) {
      String client = request.attribute(Attributes.CLIENT_ADDRESS);
      sink.set("X-Real-IP", client != null ? client : clientAddress(request, fromTrustedProxy));
    }
  }

  private static void setUnlessTrusted(
      Request request, boolean fromTrustedProxy, HeaderSink sink, String name, String value) {
    String prior = fromTrustedProxy ? request.header(name) : null;
    sink.set(name, prior != null ? prior : value);
  }

  private static @Nullable String joined(Request request, String name) {
    List<String> values = request.headers().values(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  /** RFC 7239 §6: IPv6 nodes are quoted and bracketed. */
  private static String quoteNode(String address) {
    return address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
  }

  /** Where forwarding headers go. */
  @FunctionalInterface
  public interface HeaderSink {
    void set(String name, String value);
  }
}
