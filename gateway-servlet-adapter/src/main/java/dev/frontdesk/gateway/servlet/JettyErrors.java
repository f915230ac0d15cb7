package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.servlet.internal.JettyProblemHandler;
import java.util.Objects;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Makes embedded Jetty 12 answer the requests it refuses itself, before the gateway runs, with the
 * gateway's problem+json instead of its HTML error page, and stop naming itself: one call before
 * {@code server.start()}.
 *
 * <pre>{@code
 * Server jetty = new Server();
 * ... connectors, the GatewayServlet's context ...
 * JettyErrors.install(jetty);
 * jetty.start();
 * }</pre>
 *
 * <p>What Jetty refuses with its own status (400 for a malformed request line, duplicate or invalid
 * {@code Content-Length}, a bad chunk size, an ambiguous URI, an {@code Upgrade} field without
 * {@code Connection: upgrade}; 431 for oversized headers; 505 for an unknown HTTP version) is then
 * answered with a body holding {@code type}, {@code title}, {@code status} and a generic {@code
 * detail}, never Jetty's reason, the URI or a version. Every connector's {@code Server} header is
 * turned off, and so is {@code X-Powered-By}.
 *
 * <p>Needs {@code org.eclipse.jetty:jetty-server} 12, which the adapter declares {@code provided}
 * and optional: this class is loaded only when called, so {@link GatewayServlet} and {@link
 * GatewayFilter} keep working in any container without Jetty on the class path.
 */
public final class JettyErrors {
  private JettyErrors() {}

  /**
   * Makes the problem+json handler {@code server}'s error handler, and hides the product name on
   * every connector, including connectors added after this call but before the server starts.
   * Contexts have no error handler of their own unless given one (an ee10 {@code
   * ServletContextHandler} has none), so the server's answers what they refuse (ambiguous URIs); a
   * context given its own keeps it.
   */
  public static void install(Server server) {
    Objects.requireNonNull(server, "server");
    server.setErrorHandler(new JettyProblemHandler());
    hideServerVersion(server);
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            hideServerVersion(server); // connectors added since install()
          }
        });
  }

  private static void hideServerVersion(Server server) {
    for (Connector connector : server.getConnectors()) {
      for (ConnectionFactory factory : connector.getConnectionFactories()) {
        if (factory instanceof HttpConfiguration.ConnectionFactory http) {
          HttpConfiguration config = http.getHttpConfiguration();
          config.setSendServerVersion(false);
          config.setSendXPoweredBy(false);
        }
      }
    }
  }
}
