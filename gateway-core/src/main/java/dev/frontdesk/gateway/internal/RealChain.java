package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Route;
import java.io.IOException;
import java.util.Objects;

/**
 * One link of a route's chain: the route's middleware list and this link's index, like OkHttp's
 * {@code RealInterceptorChain}. It checks the middleware contract and names the middleware that
 * broke it, and carries the call options down to the target.
 */
public final class RealChain implements Middleware.Chain {
  private final CompiledRoute route;
  private final int index;
  private final Request request;
  private final CallOptions options;
  private final int[] calls; // shared with the chains withCallOptions derives from this one

  public RealChain(CompiledRoute route, int index, Request request) {
    this(route, index, request, CallOptions.none(), new int[1]);
  }

  private RealChain(CompiledRoute route, int index, Request request, CallOptions options, int[] calls) {
    this.route = route;
    this.index = index;
    this.request = request;
    this.options = options;
    this.calls = calls;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Route route() {
    return route.route();
  }

  @Override
  public CallOptions callOptions() {
    return options;
  }

  @Override
  public Middleware.Chain withCallOptions(CallOptions more) {
    return new RealChain(route, index, request, options.with(more), calls);
  }

  @Override
  public Response proceed(Request next) throws IOException {
    Objects.requireNonNull(next, "request");
    if (index > 0 && ++calls[0] > 1) {
      throw new IllegalStateException(
          "middleware " + describe(index - 1) + " must call proceed() at most once");
    }
    if (index == route.chain().size()) {
      return Objects.requireNonNull(route.target().handle(next, options),
          () -> "the target of route '" + route.route().id() + "' returned null");
    }
    Middleware middleware = route.chain().get(index);
    Response response = middleware.intercept(new RealChain(route, index + 1, next, options, new int[1]));
    if (response == null) {
      throw new IllegalStateException("middleware " + describe(index) + " returned null");
    }
    return response;
  }

  private String describe(int i) {
    return "#" + (i + 1) + " (" + route.chain().get(i) + ") of route '" + route.route().id() + "'";
  }
}
