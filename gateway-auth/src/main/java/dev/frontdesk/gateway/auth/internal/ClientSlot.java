package dev.frontdesk.gateway.auth.internal;

import dev.frontdesk.gateway.OutboundClient;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where an authenticator keeps the gateway's {@link OutboundClient} for its calls to the identity
 * provider: handed over when the gateway that holds the authenticator is built, replaced by each
 * later gateway built with it (a reload), so calls always use a live gateway's client.
 */
public final class ClientSlot {
  private volatile @Nullable OutboundClient client;

  public void set(OutboundClient client) {
    this.client = client;
  }

  /** The client, or an IOException (503 for the caller) while no gateway holding this is built. */
  public OutboundClient get() throws IOException {
    OutboundClient c = client;
    if (c == null) {
      throw new IOException(
          "no gateway was built with this authenticator, so it has no HTTP client"
              + " for the identity provider: put it in an Authentication middleware on a gateway");
    }
    return c;
  }

  /** Whether {@code url} is an absolute http(s) URL with a host. */
  public static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
