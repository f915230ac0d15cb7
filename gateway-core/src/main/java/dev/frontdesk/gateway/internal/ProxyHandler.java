package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.internal.http.ClientBody;
import dev.frontdesk.gateway.internal.http.UpstreamResponse;
import dev.frontdesk.gateway.internal.upstream.UpstreamCaller;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal link that forwards a request to an upstream and streams the answer back, applying a
 * reverse proxy's rules: hop-by-hop fields are dropped both ways (RFC 9110 §7.6.1), forwarding
 * headers are set, the client's {@code Accept-Encoding} passes through untouched (so nothing
 * decompresses), and nothing is replayed that might not be safe to. The headers are built once;
 * the {@link UpstreamCaller} sends them to as many instances as its retry policy allows.
 */
public final class ProxyHandler implements Handler {
  private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

  /** Fields this handler writes itself, or that describe the client's connection to us. */
  private static final HeaderNames NOT_COPIED = HeaderNames.of(
      "Host", "Content-Length", "Expect", "X-Forwarded-For", "X-Forwarded-Proto",
      "X-Forwarded-Host", "X-Forwarded-Port", "Forwarded", "X-Request-Id");

  private final String routeId;
  private final UpstreamCaller caller;
  private final Forwarding forwarding;
  private final boolean preserveHost;
  private final long connectMillis;
  private final long readMillis;

  public ProxyHandler(String routeId, UpstreamCaller caller, Forwarding forwarding, boolean preserveHost,
      Duration connectTimeout, Duration readTimeout) {
    this.routeId = routeId;
    this.caller = caller;
    this.forwarding = forwarding;
    this.preserveHost = preserveHost;
    this.connectMillis = connectTimeout.toMillis();
    this.readMillis = readTimeout.toMillis();
  }

  @Override
  public Response handle(Request request) throws IOException {
    return handle(request, CallOptions.none());
  }

  @Override
  public Response handle(Request request, CallOptions options) throws IOException {
    Body body = requestBody(request);
    UpstreamResponse upstream;
    try {
      upstream = caller.call(request, headers(request), body, options, connectMillis, readMillis,
          Listeners.exchange(request));
    } catch (IOException e) {
      throw failure(e, request);
    }
    return response(request, upstream);
  }

  private Headers headers(Request request) {
    Headers.Builder b = Headers.builder();
    Headers headers = request.headers();
    Predicate<String> hopByHop = HopByHop.of(headers.values("Connection"));
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (!hopByHop.test(name) && !NOT_COPIED.contains(name)) {
        b.add(name, headers.value(i));
      }
    }
    if (headers.get("Accept-Encoding") == null) {
      b.add("Accept-Encoding", "identity"); // an upstream may compress unasked otherwise
    }
    if (preserveHost) {
      String host = headers.get("Host");
      b.add("Host", host != null ? host : authority(request));
    }
    Boolean trusted = request.attribute(Attributes.FROM_TRUSTED_PROXY);
    // NOT_COPIED kept every forwarding field and X-Request-Id out, so adding is setting.
    forwarding.apply(request, trusted != null ? trusted : forwarding.fromTrustedProxy(request), b::add);
    String requestId = request.attribute(Attributes.REQUEST_ID);
    if (requestId != null) {
      b.add("X-Request-Id", requestId);
    }
    return b.build();
  }

  /** host[:port] as the client asked for it, for requests built without a Host header. */
  private static String authority(Request request) {
    int defaultPort = request.scheme().equals("https") ? 443 : 80;
    return request.port() == defaultPort ? request.host() : request.host() + ":" + request.port();
  }

  /** The client's body with its failures tagged; GET and HEAD carry none (RFC 9110 §9.3.1). */
  private static Body requestBody(Request request) {
    Body body = request.body();
    String method = request.method();
    if (!body.isEmpty() && (method.equals("GET") || method.equals("HEAD"))) {
      throw GatewayException.badRequest(method + " requests must not have a body");
    }
    return ClientBody.tagged(body);
  }

  private static Response response(Request request, UpstreamResponse upstream) throws IOException {
    Headers.Builder headers = Headers.builder();
    Headers h = upstream.headers();
    Predicate<String> hopByHop = HopByHop.of(h.values("Connection"));
    for (int i = 0, n = h.size(); i < n; i++) {
      String name = h.name(i);
      if (!hopByHop.test(name) && !name.equalsIgnoreCase("Content-Length")) {
        headers.add(name, h.value(i));
      }
    }
    return Response.builder()
        .status(upstream.status())
        .headers(headers.build())
        .body(body(request, upstream))
        .build();
  }

  private static Body body(Request request, UpstreamResponse upstream) throws IOException {
    int status = upstream.status();
    if (request.method().equals("HEAD") || status == 304) {
      // No body follows, but Content-Length still describes the resource (RFC 9110 §8.6).
      upstream.body().close();
      List<String> lengths = upstream.headers().values("Content-Length");
      return Body.of(InputStream.nullInputStream(), lengths.isEmpty() ? -1 : parseLength(lengths.get(lengths.size() - 1)));
    }
    if (upstream.body().isEmpty() || status == 204) {
      upstream.body().close();
      return Body.empty();
    }
    return upstream.body();
  }

  private static long parseLength(String value) {
    try {
      return Math.max(-1, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The one mapping (Failures), logged here where the route and request are known. */
  private GatewayException failure(IOException e, Request request) {
    GatewayException mapped = Failures.of(e);
    if (mapped.status() >= 500) {
      log.warn("route '{}': upstream failed for {} {}: {}", routeId, request.method(), request.path(), e.toString());
    }
    return mapped;
  }
}
