package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.servlet.internal.ServletExchange;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A servlet that hands every request under its mapping to a {@link Gateway}. Routes see the path
 * after the context path, so a gateway mounted at {@code /*} in the root context sees exactly
 * what clients send.
 *
 * <pre>{@code
 * // Jetty 12 (ee10)
 * ServletContextHandler context = new ServletContextHandler();
 * context.addServlet(new ServletHolder(new GatewayServlet(gateway)), "/*");
 * // Tomcat 10.1+
 * Tomcat.addServlet(ctx, "gateway", new GatewayServlet(gateway));
 * ctx.addServletMappingDecoded("/*", "gateway");
 * }</pre>
 *
 * <p>For hot reload, pass a supplier such as {@code atomicReference::get} and swap the gateway.
 */
public final class GatewayServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Supplier<Gateway> gateway;

  /** A servlet that always uses {@code gateway}; closing the gateway stays the caller's job. */
  public GatewayServlet(Gateway gateway) {
    Objects.requireNonNull(gateway, "gateway");
    this.gateway = () -> gateway;
  }

  /** Asks {@code gateway} for the gateway on every request, so it can be swapped while serving. */
  public GatewayServlet(Supplier<Gateway> gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Request request = ServletExchange.request(req);
    try (Response response = gateway.get().handle(request)) {
      ServletExchange.write(request, response, resp);
    }
  }
}
