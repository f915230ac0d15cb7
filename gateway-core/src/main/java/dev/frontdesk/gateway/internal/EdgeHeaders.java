package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Headers;

/**
 * Request fields no middleware and no upstream may see, removed once where a request enters the
 * gateway. A request that carries none, the usual case, is passed on as is: the check is a scan of
 * the names, and a copy is made only when something goes.
 */
final class EdgeHeaders {
  /**
   * Fields that name the client's address and that upstreams (and CDN-aware frameworks) believe.
   * Only the gateway knows the client's address ({@code X-Forwarded-For}, optionally {@code
   * X-Real-IP}, are its own), so a client may not assert one: from anybody but a trusted proxy
   * these are dropped.
   */
  private static final HeaderNames CLIENT_ADDRESS =
      HeaderNames.of(
          "X-Real-IP",
          "True-Client-IP",
          "X-Client-IP",
          "X-Cluster-Client-IP",
          "CF-Connecting-IP",
          "Fastly-Client-IP");

  private EdgeHeaders() {}

  /**
   * The headers without client-address fields (unless {@code fromTrustedProxy}) and, unless {@code
   * allowUnderscores}, without names that contain {@code _}: CGI, WSGI and Rack turn {@code
   * X_User_Id} and {@code X-User-Id} into the same variable, so an underscored name can pass for an
   * identity header the gateway sets (NGINX drops them for the same reason, {@code
   * underscores_in_headers off}).
   */
  static Headers clean(Headers headers, boolean fromTrustedProxy, boolean allowUnderscores) {
    if (fromTrustedProxy && allowUnderscores) {
      return headers;
    }
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (dropped(headers.name(i), fromTrustedProxy, allowUnderscores)) {
        return without(headers, i, fromTrustedProxy, allowUnderscores);
      }
    }
    return headers;
  }

  private static boolean dropped(String name, boolean fromTrustedProxy, boolean allowUnderscores) {
    return (!allowUnderscores && name.indexOf('_') >= 0)
        || (!fromTrustedProxy && CLIENT_ADDRESS.contains(name));
  }

  private static Headers without(
      Headers headers, int first, boolean fromTrustedProxy, boolean allowUnderscores) {
    Headers.Builder kept = Headers.builder();
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (i < first || (i > first && !dropped(name, fromTrustedProxy, allowUnderscores))) {
        kept.add(name, headers.value(i));
      }
    }
    return kept.build();
  }
}
