package dev.frontdesk.examples;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.servlet.GatewayServlet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Hosts a {@link Gateway} in embedded Jetty 12 (ee10) with the settings a deployment would use.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .route("users", r -> r.path("/api/users/**").use(Middlewares.stripPrefix(1)).to("http://users:8080"))
 *     .build();
 * Server jetty = EmbedInJetty.start(gateway, "0.0.0.0", 8080, 200);
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
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(host, "host");
    QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
    threads.setName("frontdesk");
    Server server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder("frontdesk", new GatewayServlet(gateway)), "/*");
    server.setHandler(context);
    server.start();
    return server;
  }

  /** The port Jetty listens on, useful after starting on port 0. */
  public static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }
}
