package dev.frontdesk.gateway.cache.internal;

import dev.frontdesk.gateway.Request;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a response to a GET may be stored by a shared cache (RFC 9111 §3), and if not, why: the
 * reason becomes the {@code detail} of {@code Cache-Status}.
 */
final class Admission {
  /**
   * Heuristically cacheable statuses (RFC 9110 §15.1) but 206, whose partial bodies this cache does
   * not combine.
   */
  private static final Set<Integer> CACHEABLE =
      Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);

  private Admission() {}

  /**
   * Null when {@code described} may be stored: a response about to be stored (its body, of {@code
   * contentLength} bytes or -1, not read yet), or a stored one with the fields of a 304 merged in.
   */
  static @Nullable String refusal(
      Request request,
      CacheControl asked,
      StoredResponse described,
      long contentLength,
      CacheSettings settings) {
    CacheControl cc = described.cacheControl;
    if (!CACHEABLE.contains(described.status)) {
      return "status";
    }
    if (cc.has("no-store") || asked.has("no-store")) {
      return "no-store"; // §5.2.2.5, §5.2.1.5
    }
    if (cc.has("private")) {
      return "private"; // §5.2.2.7: a shared cache must not store it, named fields or not
    }
    if (request.headers().contains("Authorization")
        && !cc.has("public")
        && !cc.has("s-maxage")
        && !cc.has("must-revalidate")) {
      return "authorization"; // §3.5
    }
    if (described.varyNames.contains("*")) {
      return "vary"; // §4.1: Vary: * never matches
    }
    if (described.headers.contains("Set-Cookie")) {
      return "set-cookie"; // one client's cookie is never handed to another
    }
    String type = described.headers.get("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
      return "streaming";
    }
    if (contentLength > settings.maxBodySize()) {
      return "too-large";
    }
    if (described.freshnessLifetime <= 0
        && !(described.hasValidator() && settings.staleRetentionMillis() > 0)) {
      return "no-freshness";
    }
    return null;
  }
}
