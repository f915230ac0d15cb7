package dev.frontdesk.gateway.auth.internal;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The client for calls to identity providers when the user gives none: short timeouts, no redirects. */
public final class HttpClientsHolder {
  private static final OkHttpClient DEFAULT = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(5))
      .callTimeout(Duration.ofSeconds(10))
      .followRedirects(false)
      .build();

  private HttpClientsHolder() {}

  public static OkHttpClient defaultClient() {
    return DEFAULT;
  }
}
