package dev.frontdesk.gateway.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * Embedded Jetty 12 (ee10) with its default HttpConfiguration, or with {@link JettyErrors}
 * installed.
 */
final class JettyContainer implements Container {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final boolean problemErrors;

  /** Jetty exactly as it comes. */
  JettyContainer() {
    this(false);
  }

  private JettyContainer(boolean problemErrors) {
    this.problemErrors = problemErrors;
  }

  /** Jetty as the README embeds it: its own refusals as problem+json, no Server header. */
  static JettyContainer withProblemErrors() {
    return new JettyContainer(true);
  }

  @Override
  public void start(Map<String, Servlet> servlets, @Nullable Filter filter) throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    servlets.forEach((mapping, servlet) -> context.addServlet(new ServletHolder(servlet), mapping));
    if (filter != null) {
      context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    server.setHandler(context);
    if (problemErrors) {
      JettyErrors.install(server);
    }
    server.start();
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    }
  }

  @Override
  public String toString() {
    return "Jetty " + Server.getVersion();
  }
}
