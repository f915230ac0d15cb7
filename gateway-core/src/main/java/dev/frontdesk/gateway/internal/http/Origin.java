package dev.frontdesk.gateway.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where an upstream instance lives: scheme, host, port and a base path put in front of every
 * request path. Parsed once, when the instance becomes known, never per request.
 *
 * @param basePath "" or a path without a trailing slash, such as {@code /v2}
 * @param authority host[:port] as the {@code Host} header carries it (RFC 9110 §7.2)
 */
public record Origin(String scheme, String host, int port, String basePath, String authority) {

  /** Parses and checks an upstream URL; throws {@link IllegalArgumentException} naming it. */
  public static Origin parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(url, "an absolute http(s) URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")
        || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      throw invalid(url, "an absolute http(s) URL");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(url, "a URL without a query or fragment");
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String authority = port == defaultPort ? host : host + ":" + port;
    return new Origin(scheme, host, port, basePath, authority);
  }

  private static IllegalArgumentException invalid(String url, String what) {
    return new IllegalArgumentException("upstream URL must be " + what + ": '" + url + "'");
  }

  /** Whether connections to this origin use TLS. */
  public boolean tls() {
    return scheme.equals("https");
  }

  /** The host without IPv6 brackets, for name resolution and TLS server names. */
  public String hostName() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * The request target (RFC 9112 §3.2.1 origin-form) for a canonical request path and raw query:
   * the base path, the path, and the query. Octets a request line cannot carry are percent-encoded.
   */
  public String target(String path, @Nullable String query) {
    String target = query == null ? basePath + path : basePath + path + "?" + query;
    return needsEncoding(target) ? encode(target) : target;
  }

  private static boolean needsEncoding(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '#') {
        return true;
      }
    }
    return false;
  }

  private static String encode(String target) {
    StringBuilder out = new StringBuilder(target.length() + 16);
    for (byte b : target.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= ' ' || c >= 0x7f || c == '#') {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return scheme + "://" + authority + basePath;
  }
}
