package dev.frontdesk.gateway;

import java.io.IOException;

/**
 * A step in a route's chain, in the spirit of OkHttp's {@code Interceptor}: it may look at or
 * replace the request, pass it on with {@link Chain#proceed(Request)}, and look at or replace the
 * response. It may also answer by itself (401, 429, a cache hit) without proceeding.
 *
 * <p>Middleware runs global first, then each enclosing group's, then the route's own; within each
 * level the first added runs outermost. The route's target (proxy, fixed response, aggregation) is
 * the last link.
 *
 * <pre>{@code
 * Middleware timing = chain -> {
 *   long start = System.nanoTime();
 *   Response response = chain.proceed(chain.request());
 *   return response.newBuilder()
 *       .header("Server-Timing", "gw;dur=" + (System.nanoTime() - start) / 1_000_000).build();
 * };
 * }</pre>
 *
 * <p>Implementations must be thread-safe: one instance serves every request. Policy failures are
 * thrown as {@link GatewayException}; transport failures as {@link IOException}. Either one, thrown
 * by a later link, reaches this middleware as a problem response returned by {@link
 * Chain#proceed(Request)}, never as an exception: so response middleware sees every answer.
 */
@FunctionalInterface
public interface Middleware {
  Response intercept(Chain chain) throws IOException;

  /** What a middleware sees of its place in the chain. */
  interface Chain {
    /** The request as the previous link passed it on. */
    Request request();

    /**
     * The route that matched the request. When none did, global middleware still runs around the
     * gateway's 404 or 405, and sees a stand-in route whose id is empty.
     */
    Route route();

    /**
     * Hands the request to the next link and returns its response. Call it at most once per chain
     * link.
     */
    Response proceed(Request request) throws IOException;

    /** The options the upstream call at the end of this chain will use (none set by default). */
    CallOptions callOptions();

    /**
     * This chain with {@code options} applied over its current ones, as OkHttp's {@code
     * withReadTimeout}: proceed on the returned chain for them to reach the upstream call.
     */
    Chain withCallOptions(CallOptions options);
  }
}
