package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayHolder;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.servlet.internal.ServletExchange;
import dev.frontdesk.gateway.servlet.internal.UpgradedConnection;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A filter that lets the {@link Gateway} answer the requests its routes match and passes every
 * other request on to the application's own servlets. Ambiguous paths (see the README's path
 * normalisation) are refused with 400 here too, so they cannot reach the application either.
 *
 * <p>Map it to {@code /*} for REQUEST dispatches. Tomcat runs filters only for requests that some
 * servlet is mapped to and answers 404 itself otherwise, so the application needs a servlet at
 * {@code /} (its default servlet) for the gateway's paths to reach this filter there; Jetty's
 * context adds a default servlet of its own.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new GatewayFilter(gateway)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
public final class GatewayFilter implements Filter {
  private final @Nullable Gateway gateway;
  private final @Nullable GatewayHolder holder;

  /** A filter that always uses {@code gateway}; closing the gateway stays the caller's job. */
  public GatewayFilter(Gateway gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.holder = null;
  }

  /**
   * Serves whatever gateway {@code holder} holds now, so that it can be swapped while serving (hot
   * reload): requests inside the old gateway finish there; closing stays the holder's job.
   */
  public GatewayFilter(GatewayHolder holder) {
    this.holder = Objects.requireNonNull(holder, "holder");
    this.gateway = null;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest http)
        || !(resp instanceof HttpServletResponse httpResp)) {
      chain.doFilter(req, resp);
      return;
    }
    Request request = ServletExchange.request(http);
    Gateway fixed = gateway;
    Optional<Response> answer =
        fixed != null
            ? fixed.handleIfMatched(request)
            : Objects.requireNonNull(holder).handleIfMatched(request);
    if (answer.isEmpty()) {
      chain.doFilter(req, resp);
      return;
    }
    try (Response response = answer.get()) {
      if (!UpgradedConnection.switchIfAsked(request, response, http, httpResp)) {
        ServletExchange.write(request, response, httpResp);
      }
    }
  }
}
