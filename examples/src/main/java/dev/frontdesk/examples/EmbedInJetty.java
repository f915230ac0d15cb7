package dev.frontdesk.examples;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.servlet.GatewayServlet;
import java.util.Arrays;
import java.util.Objects;
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
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * Hosts a {@link Gateway} in embedded Jetty 12 (ee10) with the settings a deployment would use.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .route("users", r -> r.path("/api/users/**").use(Middlewares.stripPrefix(1)).to("http://users:8080"))
 *     .build();
 * Server jetty = EmbedInJetty.start(gateway, "0.0.0.0", 8080, 200);
 * // or with an HTTPS listener (HTTP/2 and HTTP/1.1) on 8443 next to HTTP on 8080:
 * Server jetty = EmbedInJetty.start(gateway, "0.0.0.0", 8080, 200, TlsListener.keyStore(8443, keyStoreFile, password));
 * }</pre>
 */
public final class EmbedInJetty {
  /** Connections the kernel queues while every acceptor is busy (the default, 0, means the OS's). */
  private static final int ACCEPT_QUEUE = 1024;

  private EmbedInJetty() {}

  /**
   * Starts Jetty on {@code host:port} ({@code port} 0 picks a free one) with the gateway answering
   * every path. The container's own {@code Server} and {@code Date} headers are off: a gateway
   * passes on the upstream's, and two of each would confuse clients.
   */
  public static Server start(Gateway gateway, String host, int port, int maxThreads) throws Exception {
    return start(gateway, host, port, maxThreads, null);
  }

  /**
   * As {@link #start(Gateway, String, int, int)}, plus an HTTPS listener when {@code tls} is given:
   * TLS terminates in Jetty, which offers HTTP/2 and HTTP/1.1 by ALPN, and the gateway sees {@code
   * https} requests (so upstreams get {@code X-Forwarded-Proto: https}).
   */
  public static Server start(Gateway gateway, String host, int port, int maxThreads, @Nullable TlsListener tls)
      throws Exception {
    Objects.requireNonNull(gateway, "gateway");
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
    context.addServlet(new ServletHolder("frontdesk", new GatewayServlet(gateway)), "/*");
    server.setHandler(context);
    server.start();
    return server;
  }

  /**
   * TLS, then ALPN choosing h2 or http/1.1 (h1 for clients that offer no ALPN). HTTP/2 forbids
   * a list of weak cipher suites (RFC 9113 §9.2.2): Jetty's comparator puts the allowed ones first.
   */
  private static ServerConnector https(Server server, HttpConfiguration http, String host, TlsListener tls) {
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

    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()),
        alpn, h2, h1);
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
    return (ServerConnector) Arrays.stream(connectors).filter(c -> name.equals(c.getName())).findFirst()
        .orElseThrow(() -> new IllegalStateException("Jetty has no " + name + " listener"));
  }
}
