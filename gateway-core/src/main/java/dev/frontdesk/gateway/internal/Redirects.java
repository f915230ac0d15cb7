package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.internal.http.Origin;
import org.jspecify.annotations.Nullable;

/**
 * NGINX's {@code proxy_redirect default}: an absolute {@code Location} or {@code Content-Location}
 * (RFC 9110 §10.2.2, §8.7) that names the upstream instance's own address is rewritten to the
 * address the client used, so that following it comes back through the gateway and no upstream
 * address reaches a client. When the route changed the path on the way in ({@code stripPrefix},
 * {@code rewritePath}, a base path in the upstream URL), the change is undone on the way out: with
 * {@code /api/users/7} forwarded as {@code /users/7}, the upstream's {@code
 * http://10.0.0.5:8081/users/8} reaches the client as {@code https://api.example.com/api/users/8}.
 * Relative references and URLs of other hosts are left as they are.
 */
final class Redirects {
  private Redirects() {}

  /** {@code location} as the client should see it: rewritten, or the same string. */
  static String rewrite(
      String location, Origin upstream, Request request, boolean fromTrustedProxy) {
    int pathStart = pathStart(location, upstream);
    if (pathStart < 0) {
      return location;
    }
    String original = request.attribute(Attributes.ORIGINAL_PATH);
    String path =
        restore(
            location.substring(pathStart),
            upstream.basePath(),
            original != null ? original : request.path(),
            request.path());
    return clientOrigin(request, fromTrustedProxy) + path;
  }

  /**
   * Where the path begins when {@code location} is an absolute URL of exactly the upstream's
   * scheme, host and port; -1 for anything else.
   */
  static int pathStart(String location, Origin upstream) {
    String scheme = upstream.scheme();
    int hostStart = scheme.length() + 3;
    if (!location.regionMatches(true, 0, scheme, 0, scheme.length())
        || !location.startsWith("://", scheme.length())) {
      return -1;
    }
    int end = hostStart;
    while (end < location.length() && "/?#".indexOf(location.charAt(end)) < 0) {
      end++;
    }
    String authority = location.substring(hostStart, end);
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon >= 0 && authority.indexOf(']', colon) < 0;
    String host = hasPort ? authority.substring(0, colon) : authority;
    int port = hasPort ? port(authority.substring(colon + 1)) : upstream.tls() ? 443 : 80;
    return host.equalsIgnoreCase(upstream.host()) && port == upstream.port() ? end : -1;
  }

  private static int port(String digits) {
    try {
      return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The upstream's path with the upstream's prefix replaced by the client's. The prefixes are what
   * differs between the path the client asked for and the path that was forwarded, once their
   * longest common tail of whole segments is taken off: {@code /api} and {@code ""} for {@code
   * /api/users/7} sent on as {@code /users/7}. A path outside the upstream's prefix keeps its own.
   */
  static String restore(String path, String basePath, String original, String forwarded) {
    int common = commonTail(original, forwarded);
    String clientPrefix = withoutSlash(original.substring(0, original.length() - common));
    String upstreamPrefix =
        basePath + withoutSlash(forwarded.substring(0, forwarded.length() - common));
    if (!underPrefix(path, upstreamPrefix)) {
      return path.isEmpty() || path.charAt(0) != '/' ? "/" + path : path;
    }
    String restored = clientPrefix + path.substring(upstreamPrefix.length());
    return restored.isEmpty() || restored.charAt(0) != '/' ? "/" + restored : restored;
  }

  /** The length of the longest common ending of a and b that is empty or starts with '/'. */
  private static int commonTail(String a, String b) {
    int n = 0;
    int max = Math.min(a.length(), b.length());
    while (n < max && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
      n++;
    }
    while (n > 0 && a.charAt(a.length() - n) != '/') {
      n--;
    }
    return n;
  }

  private static String withoutSlash(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  private static boolean underPrefix(String path, String prefix) {
    return path.startsWith(prefix)
        && (path.length() == prefix.length()
            || "/?#".indexOf(path.charAt(prefix.length())) >= 0
            || prefix.isEmpty());
  }

  /**
   * scheme://host[:port] as the client used it: the request's own, or what a trusted proxy in front
   * of the gateway says in {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}.
   */
  private static String clientOrigin(Request request, boolean fromTrustedProxy) {
    String scheme = request.scheme();
    String host = request.header("Host");
    if (fromTrustedProxy) {
      String proto = first(request.header("X-Forwarded-Proto"));
      if (proto != null && (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
        scheme = proto.toLowerCase(java.util.Locale.ROOT);
      }
      String forwardedHost = first(request.header("X-Forwarded-Host"));
      host = forwardedHost != null ? forwardedHost : host;
    }
    if (host == null || host.isEmpty()) {
      int defaultPort = request.scheme().equals("https") ? 443 : 80;
      host = request.port() == defaultPort ? request.host() : request.host() + ":" + request.port();
    }
    return scheme + "://" + host;
  }

  private static @Nullable String first(@Nullable String list) {
    if (list == null) {
      return null;
    }
    int comma = list.indexOf(',');
    String first = (comma < 0 ? list : list.substring(0, comma)).strip();
    return first.isEmpty() ? null : first;
  }
}
