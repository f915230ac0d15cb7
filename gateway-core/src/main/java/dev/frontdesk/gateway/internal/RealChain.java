package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Route;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One link of a route's chain: the route's middleware list and this link's index, like OkHttp's
 * {@code RealInterceptorChain}. It checks the middleware contract and names the middleware that
 * broke it, and carries the call options down to the target. A {@link GatewayException} or {@link
 * IOException} from the next link comes back as a problem response, so every middleware outside the
 * one that failed sees an ordinary answer.
 */
public final class RealChain implements Middleware.Chain {
  private static final Logger log = LoggerFactory.getLogger(RealChain.class);

  private final CompiledRoute route;
  private final int index;
  private final Request request;
  private final String requestId;
  private final String instance;
  private final CallOptions options;
  private final ExchangeListener exchange;
  private final int[] calls; // shared with the chains withCallOptions derives from this one

  /**
   * The chain's first link.
   *
   * @param requestId the id every problem response carries
   * @param instance the path the client asked for, the {@code instance} of every problem
   */
  public RealChain(
      CompiledRoute route,
      Request request,
      String requestId,
      String instance,
      ExchangeListener exchange) {
    this(route, 0, request, requestId, instance, CallOptions.none(), exchange, new int[1]);
  }

  private RealChain(
      CompiledRoute route,
      int index,
      Request request,
      String requestId,
      String instance,
      CallOptions options,
      ExchangeListener exchange,
      int[] calls) {
    this.route = route;
    this.index = index;
    this.request = request;
    this.requestId = requestId;
    this.instance = instance;
    this.options = options;
    this.exchange = exchange;
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
    return new RealChain(
        route, index, request, requestId, instance, options.with(more), exchange, calls);
  }

  @Override
  public Response proceed(Request next) throws IOException {
    Objects.requireNonNull(next, "request");
    if (index > 0 && ++calls[0] > 1) {
      throw new IllegalStateException(
          "middleware " + describe(index - 1) + " must call proceed() at most once");
    }
    try {
      return index == route.chain().size() ? target(next) : intercept(next);
    } catch (GatewayException e) {
      return problem(e);
    } catch (IOException e) {
      log.warn(
          "route '{}': {} {} (id {}) failed: {}",
          route.route().id(),
          next.method(),
          next.path(),
          requestId,
          e.toString());
      return problem(Failures.of(e));
    }
  }

  private Response problem(GatewayException e) {
    exchange.problem(e);
    return Problems.response(e, requestId, instance);
  }

  private Response target(Request next) throws IOException {
    if (route.declarationIndex() >= 0) { // not the stand-in that answers for no route
      if (!(route.target() instanceof WebSocketProxy) && WebSocketProxy.isWebSocketUpgrade(next)) {
        throw WebSocketProxy.notAccepted(
            route.route().id()); // after the chain: authentication comes first
      }
      exchange.targetReached(next);
    }
    return Objects.requireNonNull(
        route.target().handle(next, options),
        () -> "the target of route '" + route.route().id() + "' returned null");
  }

  private Response intercept(Request next) throws IOException {
    Middleware middleware = route.chain().get(index);
    Response response =
        middleware.intercept(
            new RealChain(
                route, index + 1, next, requestId, instance, options, exchange, new int[1]));
    if (response == null) {
      throw new IllegalStateException("middleware " + describe(index) + " returned null");
    }
    return response;
  }

  private String describe(int i) {
    return "#" + (i + 1) + " (" + route.chain().get(i) + ") of route '" + route.route().id() + "'";
  }
}
