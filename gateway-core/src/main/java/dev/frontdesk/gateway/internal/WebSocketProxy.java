package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.internal.http.Origin;
import dev.frontdesk.gateway.internal.upstream.LiveInstance;
import dev.frontdesk.gateway.internal.upstream.UpstreamCaller;
import dev.frontdesk.gateway.internal.websocket.UpstreamRefused;
import dev.frontdesk.gateway.internal.websocket.WebSocketBridge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target of a proxy route declared with {@code webSocket()}: a WebSocket handshake (RFC 6455
 * §4) is checked, sent to the upstream with the same headers any proxied request gets (forwarding
 * fields, {@code Via}, {@code X-Request-Id}, whatever identity the middleware set), and, once the
 * upstream has switched, answered with {@code 101} carrying a {@link WebSocketBridge} for the host
 * to start. The upstream's refusal (any other status) is passed back like a proxied response. Every
 * other request goes to the route's plain {@link ProxyHandler}.
 */
public final class WebSocketProxy implements Handler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebSocketProxy.class);
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 §1.3

  /** The client's handshake fields: OkHttp writes the upstream handshake's own (RFC 6455 §4.1). */
  private static final HeaderNames CLIENT_HANDSHAKE =
      HeaderNames.of(
          "Sec-WebSocket-Key",
          "Sec-WebSocket-Version",
          "Sec-WebSocket-Extensions",
          "Sec-WebSocket-Accept");

  /** Upstream answer fields that describe the upstream's handshake or framing, not the client's. */
  private static final HeaderNames NOT_RELAYED =
      HeaderNames.of(
          "Content-Length",
          "Transfer-Encoding",
          "Sec-WebSocket-Accept",
          "Sec-WebSocket-Extensions");

  private final String routeId;
  private final ProxyHandler proxy;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final long idleMillis;
  private final long handshakeMillis;
  private final ScheduledExecutorService timers;
  private final Set<WebSocketBridge> open = ConcurrentHashMap.newKeySet();

  /**
   * @param userClient the gateway's {@code httpClient(...)}, or null: the proxy then makes and owns
   *     one
   */
  public WebSocketProxy(
      String routeId,
      ProxyHandler proxy,
      @Nullable OkHttpClient userClient,
      Duration idleTimeout,
      Duration connectTimeout,
      Duration readTimeout) {
    this.routeId = routeId;
    this.proxy = proxy;
    this.ownsClient = userClient == null;
    this.client =
        (userClient != null ? userClient.newBuilder() : new OkHttpClient.Builder())
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout) // the handshake's; OkHttp reads an open WebSocket without one
            .writeTimeout(readTimeout)
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
    this.idleMillis = idleTimeout.toMillis();
    this.handshakeMillis = connectTimeout.toMillis() + readTimeout.toMillis();
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "frontdesk-websocket-timers " + routeId);
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(
        true); // an idle check is rescheduled often; cancelled ones must not pile up
    this.timers = timers;
  }

  /**
   * Whether a request is a WebSocket handshake: {@code Upgrade} names {@code websocket} and {@code
   * Connection} names {@code upgrade} (RFC 6455 §4.1). An {@code Upgrade} that {@code Connection}
   * does not list is not a request to upgrade (RFC 9110 §7.8): it is dropped as hop-by-hop and the
   * request proxied as it is.
   */
  public static boolean isWebSocketUpgrade(Request request) {
    if (request.header("Upgrade") == null) {
      return false; // the common case, without a list
    }
    return hasToken(request.headers().values("Upgrade"), "websocket")
        && hasToken(request.headers().values("Connection"), "upgrade");
  }

  /**
   * The answer to a WebSocket handshake on a route that does not accept them: a 400 naming the
   * route, never the request proxied without its {@code Upgrade} (a silent downgrade).
   */
  static GatewayException notAccepted(String routeId) {
    return GatewayException.badRequest(
        "route '" + routeId + "' does not accept WebSocket upgrades");
  }

  @Override
  public Response handle(Request request) throws IOException {
    return handle(request, CallOptions.none());
  }

  @Override
  public Response handle(Request request, CallOptions options) throws IOException {
    if (!isWebSocketUpgrade(request)) {
      return proxy.handle(request, options);
    }
    String key = checkHandshake(request);
    UpstreamCaller caller = proxy.caller();
    LiveInstance instance = caller.pick(request);
    if (instance == null) {
      throw GatewayException.serviceUnavailable(
          "upstream '" + caller.upstreamName() + "' has no instance available");
    }
    long started = caller.millis();
    Outcome outcome = new Outcome();
    try {
      return handshake(request, key, instance, outcome);
    } finally {
      // always: the pick may hold a half-open circuit's one trial, and only an outcome returns it
      caller.handshakeDone(instance, outcome.upstreamFailed, started);
    }
  }

  /** Whether the instance failed the handshake; our own or the client's failures are not its. */
  private static final class Outcome {
    boolean upstreamFailed;
  }

  private Response handshake(Request request, String key, LiveInstance instance, Outcome outcome)
      throws IOException {
    String name =
        "route '"
            + routeId
            + "' (id "
            + request.attribute(dev.frontdesk.gateway.Attributes.REQUEST_ID)
            + ")";
    WebSocketBridge bridge = new WebSocketBridge(name, idleMillis, timers, open::remove);
    open.add(bridge);
    WebSocket upstream = client.newWebSocket(upstreamRequest(request, instance.origin()), bridge);
    okhttp3.Response switched;
    try {
      switched = bridge.handshake().get(handshakeMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      outcome.upstreamFailed = true;
      upstream.cancel();
      open.remove(bridge);
      throw GatewayException.gatewayTimeout(
          "the upstream did not complete the WebSocket handshake in " + handshakeMillis + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      upstream.cancel();
      open.remove(bridge);
      throw GatewayException.badGateway("interrupted during the upstream's WebSocket handshake");
    } catch (ExecutionException e) {
      open.remove(bridge);
      outcome.upstreamFailed =
          !(e.getCause() instanceof UpstreamRefused refusal)
              || refusal.status() == 101
              || refusal.status() >= 500;
      return refused(request, e.getCause());
    }
    String protocol = switched.header("Sec-WebSocket-Protocol");
    if (protocol != null && !offered(request, protocol)) {
      bridge.close(); // the client would have to fail it (RFC 6455 §4.1): so does the gateway
      throw GatewayException.badGateway(
          "the upstream chose subprotocol '" + protocol + "' that the client did not offer");
    }
    return switched(request, key, switched, bridge);
  }

  /** Whether the client's {@code Sec-WebSocket-Protocol} lists {@code protocol}, case and all. */
  private static boolean offered(Request request, String protocol) {
    for (String value : request.headers().values("Sec-WebSocket-Protocol")) {
      for (String t : value.split(",")) {
        if (t.strip().equals(protocol)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The client's key, once the handshake is one the gateway can proxy (RFC 6455 §4.2.1). */
  private String checkHandshake(Request request) {
    if (!request.method().equals("GET")) {
      throw GatewayException.badRequest("a WebSocket handshake must be a GET (RFC 6455 §4.1)");
    }
    if (!request.protocol().equals("HTTP/1.1")) {
      throw GatewayException.badRequest(
          "WebSocket over " + request.protocol() + " is not supported; connect with HTTP/1.1");
    }
    if (!"13".equals(request.header("Sec-WebSocket-Version"))) {
      throw new GatewayException(426, "WebSocket version 13 is the one supported (RFC 6455 §4.4)")
          .withHeaders(Headers.of("Sec-WebSocket-Version", "13"));
    }
    String key = request.header("Sec-WebSocket-Key");
    if (key == null || !isNonce(key.strip())) {
      throw GatewayException.badRequest(
          "Sec-WebSocket-Key must be 16 bytes in base64 (RFC 6455 §4.1)");
    }
    return key.strip();
  }

  private static boolean isNonce(String key) {
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean hasToken(List<String> values, String token) {
    for (String value : values) {
      for (String t : value.split(",")) {
        if (t.strip().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private okhttp3.Request upstreamRequest(Request request, Origin origin) {
    String scheme = origin.tls() ? "https" : "http";
    okhttp3.Request.Builder b =
        new okhttp3.Request.Builder()
            .url(
                scheme
                    + "://"
                    + origin.authority()
                    + origin.target(request.path(), request.query()));
    Headers headers = proxy.headers(request, proxy.trusted(request));
    okhttp3.Headers.Builder okHeaders = new okhttp3.Headers.Builder();
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (!CLIENT_HANDSHAKE.contains(headers.name(i))) {
        okHeaders.addUnsafeNonAscii(headers.name(i), headers.value(i));
      }
    }
    return b.headers(okHeaders.build()).build();
  }

  private Response switched(
      Request request, String key, okhttp3.Response upstream, WebSocketBridge bridge) {
    Response.Builder b =
        Response.builder()
            .status(101)
            .header("Upgrade", "websocket")
            .header("Connection", "Upgrade")
            .header("Sec-WebSocket-Accept", accept(key));
    String protocol = upstream.header("Sec-WebSocket-Protocol");
    if (protocol != null) {
      b.header("Sec-WebSocket-Protocol", protocol); // one the client offered, checked above
    }
    Via via = proxy.via();
    if (via != null) {
      b.header("Via", via.appendedTo(upstream.headers("Via"), "HTTP/1.1"));
    }
    return b.upgrade(bridge).build();
  }

  /** The upstream's answer other than 101, passed back as a proxy passes any answer back. */
  private Response refused(Request request, @Nullable Throwable cause) {
    if (!(cause instanceof UpstreamRefused refusal)) {
      IOException e = cause instanceof IOException io ? io : new IOException(cause);
      log.warn(
          "route '{}': the upstream WebSocket handshake failed for {}: {}",
          routeId,
          request.path(),
          e.toString());
      throw Failures.of(e);
    }
    if (refusal.status() == 101) { // switched, but not as RFC 6455 §4.1 says it must
      log.warn(
          "route '{}': the upstream's 101 failed the WebSocket handshake check: {}",
          routeId,
          String.valueOf(refusal.getCause()));
      throw GatewayException.badGateway("the upstream's WebSocket handshake was invalid");
    }
    okhttp3.Headers h = refusal.headers();
    Predicate<String> hopByHop = HopByHop.of(h.values("Connection"));
    Via via = proxy.via();
    Response.Builder b = Response.builder().status(refusal.status());
    for (int i = 0, n = h.size(); i < n; i++) {
      String name = h.name(i);
      if (!hopByHop.test(name)
          && !NOT_RELAYED.contains(name)
          && !(via != null && name.equalsIgnoreCase("Via"))) {
        b.addHeader(name, h.value(i));
      }
    }
    if (via != null) {
      b.header("Via", via.appendedTo(h.values("Via"), "HTTP/1.1"));
    }
    return b.body(Body.of(refusal.body())).build();
  }

  static String accept(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** Closes the open WebSockets (1001 to both sides) and, when the gateway made it, the client. */
  @Override
  public void close() {
    for (WebSocketBridge bridge : List.copyOf(open)) {
      bridge.close();
    }
    timers.shutdownNow();
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "webSocket(" + routeId + ")";
  }
}
