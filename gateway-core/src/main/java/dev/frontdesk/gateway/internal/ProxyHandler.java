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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal link that forwards a request to an upstream and streams the answer back, applying a
 * reverse proxy's rules: hop-by-hop fields are dropped both ways (RFC 9110 §7.6.1), forwarding
 * headers and {@code Via} are set, the client's {@code Accept-Encoding} passes through untouched
 * (so nothing decompresses), redirects to the upstream's own address are pointed back at the
 * gateway, and nothing is replayed that might not be safe to. The headers are built once; the
 * {@link UpstreamCaller} sends them to as many instances as its retry policy allows.
 */
public final class ProxyHandler implements Handler {
  private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

  /**
   * Fields this handler writes itself, besides the forwarding fields, or that describe the client's
   * connection to us.
   */
  private static final List<String> OWN_FIELDS =
      List.of("Host", "Content-Length", "Expect", "X-Request-Id");

  /** Response fields that may carry an upstream's address (RFC 9110 §10.2.2, §8.7). */
  private static final HeaderNames LOCATIONS = HeaderNames.of("Location", "Content-Location");

  private final String routeId;
  private final UpstreamCaller caller;
  private final Forwarding forwarding;
  private final @Nullable Via via;
  private final HeaderNames notCopied;
  private final boolean preserveHost;
  private final boolean rewriteRedirects;
  private final long connectMillis;
  private final long readMillis;

  public ProxyHandler(
      String routeId,
      UpstreamCaller caller,
      Forwarding forwarding,
      boolean preserveHost,
      boolean rewriteRedirects,
      Duration connectTimeout,
      Duration readTimeout) {
    this.routeId = routeId;
    this.caller = caller;
    this.forwarding = forwarding;
    this.via = forwarding.via();
    List<String> notCopied = new ArrayList<>(OWN_FIELDS);
    notCopied.addAll(forwarding.fieldsSet());
    this.notCopied = HeaderNames.of(notCopied.toArray(new String[0]));
    this.preserveHost = preserveHost;
    this.rewriteRedirects = rewriteRedirects;
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
    boolean trusted = trusted(request);
    UpstreamResponse upstream;
    try {
      upstream =
          caller.call(
              request,
              headers(request, trusted),
              body,
              options,
              connectMillis,
              readMillis,
              Listeners.exchange(request));
    } catch (IOException e) {
      throw failure(e, request);
    }
    return response(request, upstream, trusted);
  }

  /** Whether the peer is a trusted proxy, as the gateway found when the request came in. */
  boolean trusted(Request request) {
    Boolean fromTrustedProxy = request.attribute(Attributes.FROM_TRUSTED_PROXY);
    return fromTrustedProxy != null ? fromTrustedProxy : forwarding.fromTrustedProxy(request);
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(connectMillis);
  }

  public Duration readTimeout() {
    return Duration.ofMillis(readMillis);
  }

  /** Where this proxy sends requests; a WebSocket route picks its instance from it too. */
  UpstreamCaller caller() {
    return caller;
  }

  /** The gateway's {@code Via} entries, or null when it adds none. */
  @Nullable Via via() {
    return via;
  }

  /**
   * The headers an upstream gets for {@code request}: the client's without hop-by-hop fields, plus
   * forwarding fields, {@code Via} and {@code X-Request-Id}. A WebSocket handshake is sent with the
   * same ones, so an upstream sees the same identity however the client talks to it.
   */
  Headers headers(Request request, boolean trusted) {
    Headers.Builder b = Headers.builder();
    Headers headers = request.headers();
    Predicate<String> hopByHop = HopByHop.of(headers.values("Connection"));
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (!hopByHop.test(name) && !notCopied.contains(name)) {
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
    // notCopied kept every forwarding field and X-Request-Id out, so adding is setting.
    forwarding.apply(request, trusted, b::add);
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

  private Response response(Request request, UpstreamResponse upstream, boolean trusted)
      throws IOException {
    Headers.Builder headers = Headers.builder();
    Headers h = upstream.headers();
    Predicate<String> hopByHop = HopByHop.of(h.values("Connection"));
    for (int i = 0, n = h.size(); i < n; i++) {
      String name = h.name(i);
      if (hopByHop.test(name)
          || name.equalsIgnoreCase("Content-Length")
          || (via != null && name.equalsIgnoreCase("Via"))) {
        continue;
      }
      String value = h.value(i);
      if (rewriteRedirects && LOCATIONS.contains(name)) {
        value = Redirects.rewrite(value, upstream.origin(), request, trusted);
      }
      headers.add(name, value);
    }
    if (via != null) {
      headers.add("Via", via.appendedTo(h.values("Via"), upstream.protocol()));
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
      return Body.of(
          InputStream.nullInputStream(),
          lengths.isEmpty() ? -1 : parseLength(lengths.get(lengths.size() - 1)));
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
      log.warn(
          "route '{}': upstream failed for {} {}: {}",
          routeId,
          request.method(),
          request.path(),
          e.toString());
    }
    return mapped;
  }
}
