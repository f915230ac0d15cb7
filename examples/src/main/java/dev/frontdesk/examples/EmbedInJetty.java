package dev.frontdesk.examples;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayHolder;
import dev.frontdesk.gateway.servlet.GatewayServlet;
import dev.frontdesk.gateway.servlet.JettyErrors;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * Hosts a {@link Gateway} in embedded Jetty 12 (ee10) with the settings a deployment would use.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .route("users", r -> r.path("/api/users/**").use(Middlewares.stripPrefix(1)).proxyTo("http://users:8080"))
 *     .build();
 * Server jetty = EmbedInJetty.start(gateway, "0.0.0.0", 8080, 200);
 * // or with an HTTPS listener (HTTP/2 and HTTP/1.1) on 8443 next to HTTP on 8080:
 * Server jetty = EmbedInJetty.start(gateway, "0.0.0.0", 8080, 200, TlsListener.keyStore(8443, keyStoreFile, password));
 * // or a gateway that hot reload swaps while it serves:
 * Server jetty = EmbedInJetty.start(reloader.holder(), "0.0.0.0", 8080, 200, null);
 * }</pre>
 */
public final class EmbedInJetty {
  /**
   * Connections the kernel queues while every acceptor is busy (the default, 0, means the OS's).
   */
  private static final int ACCEPT_QUEUE = 1024;

  /** How long a stop waits for requests in flight, unless told otherwise. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  private EmbedInJetty() {}

  /**
   * Starts Jetty on {@code host:port} ({@code port} 0 picks a free one) with the gateway answering
   * every path. The container's own {@code Server} and {@code Date} headers are off: a gateway
   * passes on the upstream's, and two of each would confuse clients. What Jetty refuses itself
   * (malformed requests) is answered as problem+json that does not name Jetty ({@link
   * JettyErrors}).
   */
  public static Server start(Gateway gateway, String host, int port, int maxThreads)
      throws Exception {
    return start(gateway, host, port, maxThreads, null);
  }

  /**
   * As {@link #start(Gateway, String, int, int)}, plus an HTTPS listener when {@code tls} is given:
   * TLS terminates in Jetty, which offers HTTP/2 and HTTP/1.1 by ALPN, and the gateway sees {@code
   * https} requests (so upstreams get {@code X-Forwarded-Proto: https}).
   */
  public static Server start(
      Gateway gateway, String host, int port, int maxThreads, @Nullable TlsListener tls)
      throws Exception {
    return start(
        new GatewayServlet(Objects.requireNonNull(gateway, "gateway")),
        host,
        port,
        maxThreads,
        tls);
  }

  /**
   * As {@link #start(Gateway, String, int, int, TlsListener)} for a gateway that can be swapped
   * while it serves (hot reload, {@code ConfigReloader.holder()}): each request runs wholly on the
   * gateway the holder held when it arrived.
   */
  public static Server start(
      GatewayHolder holder, String host, int port, int maxThreads, @Nullable TlsListener tls)
      throws Exception {
    return start(
        new GatewayServlet(Objects.requireNonNull(holder, "holder")), host, port, maxThreads, tls);
  }

  private static Server start(
      GatewayServlet servlet, String host, int port, int maxThreads, @Nullable TlsListener tls)
      throws Exception {
    Objects.requireNonNull(host, "host");
    QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
    threads.setName("frontdesk");
    Server server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setName("http");
    connector.setHost(host);
    connector.setPort(port);
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    server.addConnector(connector);
    if (tls != null) {
      server.addConnector(https(server, http, host, tls));
    }

    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder("frontdesk", servlet), "/*");
    // Graceful stop: without a GracefulHandler, Server.stop() cuts the requests in flight.
    server.setHandler(new GracefulHandler(context));
    server.setStopTimeout(DEFAULT_GRACE.toMillis());
    JettyErrors.install(server);
    server.start();
    return server;
  }

  /**
   * Stops gracefully, as a SIGTERM should: the gateway reports not ready, Jetty closes its
   * listeners and answers new requests on open connections with 503, the requests in flight finish
   * (for up to {@code grace}), then Jetty stops and the gateway closes its upstream client, health
   * checks and the middleware it owns.
   *
   * @return true when every request in flight finished in time
   */
  public static boolean stop(Server server, Gateway gateway, Duration grace) throws Exception {
    return stop(server, grace, gateway::shutdown);
  }

  /**
   * As {@link #stop(Server, Gateway, Duration)} for whatever the server hosts: after Jetty has
   * drained, {@code shutdown} gets the time left of {@code grace} (a {@code GatewayHolder}'s or
   * {@code ConfigReloader}'s {@code shutdown}).
   */
  public static boolean stop(Server server, Duration grace, Predicate<Duration> shutdown)
      throws Exception {
    long end = System.nanoTime() + grace.toNanos();
    server.setStopTimeout(Math.max(1, grace.toMillis()));
    boolean drained = true;
    try {
      server.stop();
    } catch (TimeoutException e) {
      drained = false; // Jetty gave up waiting: what was left has been cut
    }
    Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
    return shutdown.test(left) && drained;
  }

  /**
   * Runs {@link #stop(Server, Gateway, Duration)} when the JVM is asked to exit (SIGTERM, Ctrl-C).
   */
  public static void stopOnShutdown(Server server, Gateway gateway, Duration grace) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stop(server, gateway, grace);
                  } catch (Exception e) {
                    System.err.println("stopping Jetty failed: " + e);
                  }
                },
                "frontdesk-jetty-stop"));
  }

  /**
   * TLS, then ALPN choosing h2 or http/1.1 (h1 for clients that offer no ALPN). HTTP/2 forbids a
   * list of weak cipher suites (RFC 9113 §9.2.2): Jetty's comparator puts the allowed ones first.
   */
  private static ServerConnector https(
      Server server, HttpConfiguration http, String host, TlsListener tls) {
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    HttpConnectionFactory h1 = new HttpConnectionFactory(https);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(h1.getProtocol());

    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(new String(tls.password()));
    ssl.setCertAlias(tls.alias());
    ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
    ssl.setUseCipherSuitesOrder(true);

    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, h1);
    connector.setName("https");
    connector.setHost(host);
    connector.setPort(tls.port());
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    return connector;
  }

  /** The port Jetty listens on for HTTP, useful after starting on port 0. */
  public static int port(Server server) {
    return connector(server, "http").getLocalPort();
  }

  /** The port of the HTTPS listener, useful after starting it on port 0. */
  public static int tlsPort(Server server) {
    return connector(server, "https").getLocalPort();
  }

  private static ServerConnector connector(Server server, String name) {
    Connector[] connectors = server.getConnectors();
    return (ServerConnector)
        Arrays.stream(connectors)
            .filter(c -> name.equals(c.getName()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("Jetty has no " + name + " listener"));
  }
}
