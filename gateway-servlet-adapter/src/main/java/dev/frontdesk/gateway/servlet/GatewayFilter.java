package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.servlet.internal.ServletExchange;
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
import java.util.function.Supplier;

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
  private final Supplier<Gateway> gateway;

  /** A filter that always uses {@code gateway}; closing the gateway stays the caller's job. */
  public GatewayFilter(Gateway gateway) {
    Objects.requireNonNull(gateway, "gateway");
    this.gateway = () -> gateway;
  }

  /** Asks {@code gateway} for the gateway on every request, so it can be swapped while serving. */
  public GatewayFilter(Supplier<Gateway> gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest http) || !(resp instanceof HttpServletResponse httpResp)) {
      chain.doFilter(req, resp);
      return;
    }
    Request request = ServletExchange.request(http);
    Optional<Response> answer = gateway.get().handleIfMatched(request);
    if (answer.isEmpty()) {
      chain.doFilter(req, resp);
      return;
    }
    try (Response response = answer.get()) {
      ServletExchange.write(request, response, httpResp);
    }
  }
}
