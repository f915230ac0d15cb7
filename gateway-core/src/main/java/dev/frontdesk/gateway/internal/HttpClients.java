package dev.frontdesk.gateway.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** The one upstream client a gateway shares, set up as a proxy needs it. */
public final class HttpClients {
  private HttpClients() {}

  /**
   * A client for proxying: no redirects, no transparent retries (the gateway decides what may be
   * replayed), and a connection pool sized for a proxy's concurrency rather than OkHttp's 5.
   */
  public static OkHttpClient create(int maxIdleConnections, Duration idleTimeout) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(1024);
    dispatcher.setMaxRequestsPerHost(1024);
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(maxIdleConnections, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
        .dispatcher(dispatcher)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .build();
  }

  /**
   * A user-supplied client with the settings a proxy cannot do without: whatever the user's
   * defaults, upstream redirects go back to the client and nothing is retried behind the
   * gateway's back. Shares the user's pool, dispatcher and interceptors.
   */
  public static OkHttpClient forProxying(OkHttpClient client) {
    if (!client.followRedirects() && !client.followSslRedirects() && !client.retryOnConnectionFailure()) {
      return client;
    }
    return client.newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .build();
  }

  /** {@code base} with these timeouts; shares its pool and dispatcher. */
  public static OkHttpClient withTimeouts(OkHttpClient base, Duration connect, Duration read) {
    if (base.connectTimeoutMillis() == connect.toMillis() && base.readTimeoutMillis() == read.toMillis()) {
      return base;
    }
    return base.newBuilder()
        .connectTimeout(connect)
        .readTimeout(read)
        .writeTimeout(read)
        .build();
  }

  /** Releases the threads and connections of a client the gateway created. */
  public static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
