package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayHolder;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.servlet.internal.ServletExchange;
import dev.frontdesk.gateway.servlet.internal.UpgradedConnection;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A servlet that hands every request under its mapping to a {@link Gateway}. Routes see the path
 * after the context path, so a gateway mounted at {@code /*} in the root context sees exactly what
 * clients send.
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
 * <p>For hot reload, pass a {@link GatewayHolder} and {@linkplain GatewayHolder#swap swap} the
 * gateway it holds.
 */
public final class GatewayServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Gateway gateway;
  private final transient @Nullable GatewayHolder holder;

  /** A servlet that always uses {@code gateway}; closing the gateway stays the caller's job. */
  public GatewayServlet(Gateway gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.holder = null;
  }

  /**
   * Serves whatever gateway {@code holder} holds now, so that it can be swapped while serving (hot
   * reload): requests inside the old gateway finish there; closing stays the holder's job.
   */
  public GatewayServlet(GatewayHolder holder) {
    this.holder = Objects.requireNonNull(holder, "holder");
    this.gateway = null;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Request request = ServletExchange.request(req);
    Gateway fixed = gateway;
    try (Response response =
        fixed != null ? fixed.handle(request) : Objects.requireNonNull(holder).handle(request)) {
      if (!UpgradedConnection.switchIfAsked(request, response, req, resp)) {
        ServletExchange.write(request, response, resp);
      }
    }
  }
}
