package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Request;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The gateway's edge rules for who the client is: the client address, the request id and the
 * forwarding headers sent upstream. Client-sent forwarding headers are believed only from trusted
 * proxies; from anybody else they are replaced.
 */
public final class Forwarding {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final TrustedProxies trusted;
  private final boolean forwardedHeader;

  public Forwarding(TrustedProxies trusted, boolean forwardedHeader) {
    this.trusted = trusted;
    this.forwardedHeader = forwardedHeader;
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
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == ':';
  }

  /** Writes X-Forwarded-For/Proto/Host/Port (and Forwarded when enabled) for the upstream. */
  public void apply(Request request, boolean fromTrustedProxy, HeaderSink sink) {
    String remote = request.remoteAddress();
    String xff = fromTrustedProxy ? joined(request, "X-Forwarded-For") : null;
    sink.set("X-Forwarded-For", xff == null ? remote : xff + ", " + remote);
    String hostHeader = request.header("Host");
    String host = hostHeader != null ? hostHeader : request.host();
    setUnlessTrusted(request, fromTrustedProxy, sink, "X-Forwarded-Proto", request.scheme());
    setUnlessTrusted(request, fromTrustedProxy, sink, "X-Forwarded-Host", host);
    setUnlessTrusted(request, fromTrustedProxy, sink, "X-Forwarded-Port", Integer.toString(request.port()));
    String priorForwarded = fromTrustedProxy ? joined(request, "Forwarded") : null;
    if (forwardedHeader) {
      String element = "for=" + quoteNode(remote) + ";proto=" + request.scheme() + ";host=\"" + host.replace("\"", "") + "\"";
      sink.set("Forwarded", priorForwarded == null ? element : priorForwarded + ", " + element);
    } else if (priorForwarded != null) {
      sink.set("Forwarded", priorForwarded);
    }
  }

  private static void setUnlessTrusted(
      Request request, boolean fromTrustedProxy, HeaderSink sink, String name, String value) {
    String prior = fromTrustedProxy ? request.header(name) : null;
    sink.set(name, prior != null ? prior : value);
  }

  private static @org.jspecify.annotations.Nullable String joined(Request request, String name) {
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
