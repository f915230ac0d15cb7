package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Set;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.internal.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal link that forwards a request to an upstream through OkHttp and streams the answer
 * back, applying a reverse proxy's rules: hop-by-hop fields are dropped both ways (RFC 9110
 * §7.6.1), forwarding headers are set, the client's {@code Accept-Encoding} passes through
 * untouched (so OkHttp never decompresses), and nothing is replayed that might not be safe to.
 */
public final class ProxyHandler implements Handler {
  private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

  /** Fields this handler writes itself, or that describe the client's connection to us. */
  private static final Set<String> NOT_COPIED = HopByHop.caseInsensitive(
      "Host", "Content-Length", "Expect", "X-Forwarded-For", "X-Forwarded-Proto",
      "X-Forwarded-Host", "X-Forwarded-Port", "Forwarded", "X-Request-Id");

  private final String routeId;
  private final UpstreamInstances instances;
  private final OkHttpClient client;
  private final Forwarding forwarding;
  private final boolean preserveHost;

  public ProxyHandler(String routeId, UpstreamInstances instances, OkHttpClient client,
      Forwarding forwarding, boolean preserveHost) {
    this.routeId = routeId;
    this.instances = instances;
    this.client = client;
    this.forwarding = forwarding;
    this.preserveHost = preserveHost;
  }

  @Override
  public Response handle(Request request) throws IOException {
    okhttp3.Response upstream;
    try {
      Request sent = instances.caller().prepare(request);
      upstream = execute(upstreamRequest(sent), sent);
    } catch (IOException e) {
      throw failure(e, request);
    }
    try {
      return response(request, upstream);
    } catch (IllegalArgumentException e) {
      // A header name or status our model refuses (OkHttp parses responses leniently): the
      // response cannot be forwarded faithfully, so it is the upstream's fault, and its
      // connection must be released.
      upstream.close();
      log.warn("route '{}': upstream sent an unforwardable response for {} {}: {}", routeId,
          request.method(), request.path(), e.getMessage());
      throw new GatewayException(502, "Bad Gateway",
          "the upstream sent a response the gateway cannot forward", Headers.empty(), e);
    }
  }

  /**
   * The try loop (internal.upstream.UpstreamCaller): picks an instance per attempt, retries
   * elsewhere as the upstream's policy allows, and returns once response headers are accepted.
   */
  private okhttp3.Response execute(okhttp3.Request upstreamRequest, Request request) throws IOException {
    return instances.caller().execute(upstreamRequest, request, r -> newCall(r, request));
  }

  private Call newCall(okhttp3.Request upstreamRequest, Request request) {
    Call call = client.newCall(upstreamRequest);
    java.time.Duration callTimeout = request.attribute(Attributes.CALL_TIMEOUT);
    if (callTimeout != null) {
      call.timeout().timeout(callTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    return call;
  }

  private okhttp3.Request upstreamRequest(Request request) {
    HttpUrl url = UpstreamInstances.PLACEHOLDER.url(request.path(), request.query()); // set per attempt
    okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(url);
    Headers headers = request.headers();
    Set<String> hopByHop = HopByHop.of(headers.values("Connection"));
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (!hopByHop.contains(name) && !NOT_COPIED.contains(name)) {
        b.addHeader(name, headers.value(i));
      }
    }
    if (headers.get("Accept-Encoding") == null) {
      b.header("Accept-Encoding", "identity"); // else OkHttp asks for gzip and decompresses
    }
    if (preserveHost) {
      String host = headers.get("Host");
      b.header("Host", host != null ? host : authority(request));
    }
    boolean trusted = forwarding.fromTrustedProxy(request);
    forwarding.apply(request, trusted, b::header);
    String requestId = request.attribute(Attributes.REQUEST_ID);
    if (requestId != null) {
      b.header("X-Request-Id", requestId);
    }
    b.method(request.method(), requestBody(request));
    return b.build();
  }

  /** host[:port] as the client asked for it, for requests built without a Host header. */
  private static String authority(Request request) {
    int defaultPort = request.scheme().equals("https") ? 443 : 80;
    return request.port() == defaultPort ? request.host() : request.host() + ":" + request.port();
  }

  private static @Nullable RequestBody requestBody(Request request) {
    Body body = request.body();
    String method = request.method();
    if (body.isEmpty()) {
      return HttpMethod.requiresRequestBody(method) ? RequestBody.create(new byte[0]) : null;
    }
    if (!HttpMethod.permitsRequestBody(method)) {
      throw new GatewayException(400, "Bad Request", method + " requests must not have a body");
    }
    return new StreamingRequestBody(body);
  }

  private Response response(Request request, okhttp3.Response upstream) {
    Headers.Builder headers = Headers.builder();
    okhttp3.Headers h = upstream.headers();
    Set<String> hopByHop = HopByHop.of(h.values("Connection"));
    for (int i = 0, n = h.size(); i < n; i++) {
      String name = h.name(i);
      if (!hopByHop.contains(name) && !name.equalsIgnoreCase("Content-Length")) {
        headers.add(name, h.value(i));
      }
    }
    return Response.builder()
        .status(upstream.code())
        .headers(headers.build())
        .body(body(request, upstream))
        .build();
  }

  private static Body body(Request request, okhttp3.Response upstream) {
    long length = upstream.body().contentLength();
    if (request.method().equals("HEAD") || upstream.code() == 304) {
      // No body follows, but Content-Length still describes the resource (RFC 9110 §8.6).
      upstream.close();
      long declared = parseLength(upstream.header("Content-Length"));
      return Body.of(InputStream.nullInputStream(), declared);
    }
    if (length == 0 || upstream.code() == 204) {
      upstream.close();
      return Body.empty();
    }
    return Body.of(new UpstreamBodyStream(upstream), length);
  }

  private static long parseLength(@Nullable String value) {
    try {
      return value == null ? -1 : Math.max(-1, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Maps an upstream failure to the status the client gets. */
  private GatewayException failure(IOException e, Request request) {
    Throwable tooLarge = StreamingRequestBody.find(e, Body.BodyTooLargeException.class);
    if (tooLarge != null) {
      return new GatewayException(413, "Content Too Large", tooLarge.getMessage());
    }
    if (StreamingRequestBody.find(e, StreamingRequestBody.ClientBodyException.class) != null) {
      return new GatewayException(400, "Bad Request", "the request body could not be read from the client");
    }
    if (e instanceof InterruptedIOException) {
      log.warn("route '{}': upstream timed out for {} {}: {}", routeId, request.method(), request.path(), e.toString());
      return new GatewayException(504, "Gateway Timeout", "the upstream did not answer in time", Headers.empty(), e);
    }
    log.warn("route '{}': upstream failed for {} {}: {}", routeId, request.method(), request.path(), e.toString());
    return new GatewayException(502, "Bad Gateway", "the upstream could not be reached or broke the connection", Headers.empty(), e);
  }
}
