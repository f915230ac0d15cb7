package dev.frontdesk.gateway.servlet;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Middlewares;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket proxying on every container (issue 15): a real WebSocket client (OkHttp's) through
 * {@link GatewayServlet} to a real WebSocket upstream (MockWebServer's {@code webSocketUpgrade}),
 * asserting what each side received: messages, close codes both ways, the upstream handshake's
 * headers, refusals that never reach the upstream, the idle timeout, and a slow client slowing the
 * upstream instead of the gateway buffering for it.
 */
abstract class WebSocketProxySuite extends ServletFixture {
  private final OkHttpClient clients = new OkHttpClient();

  @AfterAll
  void stopClients() {
    clients.dispatcher().executorService().shutdown();
    clients.connectionPool().evictAll();
  }

  private void webSocketRoute(Duration idle) {
    use(
        b ->
            b.route(
                "ws", r -> r.get("/ws/**").webSocket(idle).proxyTo(upstream.url("/").toString())));
  }

  private WebSocket connect(String path, Events client, String... headers) {
    Request.Builder request =
        new Request.Builder().url("http://127.0.0.1:" + container.port() + path);
    for (int i = 0; i < headers.length; i += 2) {
      request.addHeader(headers[i], headers[i + 1]);
    }
    return clients.newWebSocket(request.build(), client);
  }

  @Test
  void textAndBinaryMessagesGoBothWays() throws Exception {
    webSocketRoute(Duration.ofMinutes(1));
    upstream.enqueue(new MockResponse.Builder().webSocketUpgrade(new Events(true)).build());
    Events client = new Events(false);

    WebSocket ws = connect("/ws/echo", client);

    assertThat(client.opened().code()).isEqualTo(101);
    ws.send("hello");
    assertThat(client.next()).isEqualTo("hello");
    ws.send(ByteString.of((byte) 0, (byte) 1, (byte) 0xFF));
    assertThat(client.next()).isEqualTo(ByteString.of((byte) 0, (byte) 1, (byte) 0xFF));
    String large = "x".repeat(200_000); // a 64-bit length on the wire
    ws.send(large);
    assertThat(client.next()).isEqualTo(large);
    ws.close(1000, "done");
    assertThat(client.next()).isEqualTo("closing 1000 done");
  }

  /**
   * A client may write its first frame right behind its handshake; the container must hand it over.
   */
  @Test
  void aFrameSentTogetherWithTheHandshakeIsNotLost() throws Exception {
    webSocketRoute(Duration.ofMinutes(1));
    upstream.enqueue(new MockResponse.Builder().webSocketUpgrade(new Events(true)).build());
    byte[] handshake = rawHandshake("/ws/echo");
    byte[] mask = {1, 2, 3, 4};
    byte[] payload = "early".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(handshake);
    bytes.write(0x81); // FIN, text
    bytes.write(0x80 | payload.length); // masked, as a client's frames are
    bytes.write(mask);
    for (int i = 0; i < payload.length; i++) {
      bytes.write(payload[i] ^ mask[i % 4]);
    }

    try (Socket socket = new Socket("127.0.0.1", container.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(bytes.toByteArray()); // one write: handshake and frame together
      InputStream in = socket.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 101");
      assertThat(in.readNBytes(2)).containsExactly(0x81, payload.length); // the echo, unmasked
      assertThat(new String(in.readNBytes(payload.length), StandardCharsets.US_ASCII))
          .isEqualTo("early");
    }
  }

  @Test
  void theClientsCloseCodeReachesTheUpstreamAndItsAnswerComesBack() throws Exception {
    webSocketRoute(Duration.ofMinutes(1));
    Events server = new Events(true);
    upstream.enqueue(new MockResponse.Builder().webSocketUpgrade(server).build());
    Events client = new Events(false);
    WebSocket ws = connect("/ws/echo", client);
    client.opened();

    ws.close(4001, "client done");

    assertThat(server.nextMatching("closing")).isEqualTo("closing 4001 client done");
    assertThat(client.next()).isEqualTo("closing 4001 client done");
    assertThat(client.next()).isEqualTo("closed 4001");
  }

  @Test
  void theUpstreamsCloseCodeReachesTheClient() throws Exception {
    webSocketRoute(Duration.ofMinutes(1));
    Events server = new Events(true);
    upstream.enqueue(new MockResponse.Builder().webSocketUpgrade(server).build());
    Events client = new Events(false);
    WebSocket ws = connect("/ws/echo", client);
    client.opened();

    ws.send("close-me"); // the upstream closes with 4002

    assertThat(client.next()).isEqualTo("closing 4002 server done");
    assertThat(server.nextMatching("closed")).isEqualTo("closed 4002");
  }

  @Test
  void aMiddlewareRefusingTheHandshakeAnswersAndTheUpstreamSeesNothing() throws Exception {
    use(
        b ->
            b.route(
                "ws",
                r ->
                    r.get("/ws/**")
                        .use(
                            chain -> {
                              throw GatewayException.unauthorized("a token is required");
                            })
                        .webSocket()
                        .proxyTo(upstream.url("/").toString())));
    Events client = new Events(false);

    connect("/ws/echo", client);

    Events.Failure failure = client.failed();
    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.contentType()).isEqualTo("application/problem+json");
    assertThat(failure.body()).contains("a token is required");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void theUpstreamHandshakeCarriesForwardingAndIdentityHeadersAndTheNegotiatedProtocol()
      throws Exception {
    use(
        b ->
            b.route(
                "ws",
                r ->
                    r.get("/ws/**")
                        .use(Middlewares.setRequestHeader("X-User-Id", "alice"))
                        .webSocket()
                        .proxyTo(upstream.url("/").toString())));
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Sec-WebSocket-Protocol", "chat")
            .webSocketUpgrade(new Events(true))
            .build());
    Events client = new Events(false);

    connect(
        "/ws/room?id=7",
        client,
        "Sec-WebSocket-Protocol",
        "chat, superchat",
        "X-User-Id",
        "mallory",
        "X-Real-IP",
        "6.6.6.6");

    Response switched = client.opened();
    assertThat(switched.header("Sec-WebSocket-Protocol")).isEqualTo("chat");
    RecordedRequest handshake = upstream.takeRequest();
    assertThat(handshake.getTarget()).isEqualTo("/ws/room?id=7");
    assertThat(handshake.getHeaders().values("X-User-Id")).containsExactly("alice");
    assertThat(handshake.getHeaders().get("X-Real-IP")).isNull();
    assertThat(handshake.getHeaders().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(handshake.getHeaders().get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(handshake.getHeaders().get("X-Forwarded-Host"))
        .isEqualTo("127.0.0.1:" + container.port());
    assertThat(handshake.getHeaders().get("Via")).isEqualTo("1.1 frontdesk");
    assertThat(handshake.getHeaders().get("X-Request-Id"))
        .isNotNull()
        .isEqualTo(switched.header("X-Request-Id"));
    assertThat(handshake.getHeaders().get("Sec-WebSocket-Protocol")).isEqualTo("chat, superchat");
    assertThat(handshake.getHeaders().get("Upgrade")).isEqualTo("websocket");
  }

  @Test
  void anUpstreamRefusingTheHandshakeIsRelayedToTheClient() throws Exception {
    webSocketRoute(Duration.ofMinutes(1));
    upstream.enqueue(
        new MockResponse.Builder()
            .code(403)
            .addHeader("Content-Type", "text/plain")
            .body("not in this room")
            .build());
    Events client = new Events(false);

    connect("/ws/room", client);

    Events.Failure failure = client.failed();
    assertThat(failure.status()).isEqualTo(403);
    assertThat(failure.contentType()).isEqualTo("text/plain");
    assertThat(failure.body()).isEqualTo("not in this room");
    RecordedRequest handshake = upstream.takeRequest();
    assertThat(handshake.getTarget()).isEqualTo("/ws/room");
    assertThat(handshake.getHeaders().get("Upgrade")).isEqualTo("websocket");
  }

  /**
   * A client must fail a connection whose subprotocol it did not offer (RFC 6455 §4.1), so relaying
   * the upstream's choice would only break it later; the gateway answers 502 and ends the upstream.
   */
  @Test
  void anUpstreamChoosingASubprotocolTheClientDidNotOfferIsABadGateway() throws Exception {
    webSocketRoute(Duration.ofMinutes(1));
    Events server = new Events(true);
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("Sec-WebSocket-Protocol", "chat")
            .webSocketUpgrade(server)
            .build());
    Events client = new Events(false);

    connect("/ws/room", client, "Sec-WebSocket-Protocol", "superchat");

    Events.Failure failure = client.failed();
    assertThat(failure.status()).isEqualTo(502);
    assertThat(failure.contentType()).isEqualTo("application/problem+json");
    assertThat(failure.body()).contains("subprotocol 'chat' that the client did not offer");
    RecordedRequest handshake = upstream.takeRequest();
    assertThat(handshake.getHeaders().get("Sec-WebSocket-Protocol")).isEqualTo("superchat");
    server.opened();
    Object ended = server.next(); // the upstream's WebSocket does not stay open
    assertThat(ended)
        .satisfiesAnyOf(
            e -> assertThat(e).isInstanceOf(Events.Failure.class),
            e -> assertThat(e).asString().startsWith("closing 1001"));
  }

  @Test
  void aRouteWithoutWebSocketRefusesTheHandshakeWithAProblemNamingIt() throws Exception {
    Events client = new Events(false); // the fixture's route 'api' is a plain proxy route

    connect("/api/socket", client);

    Events.Failure failure = client.failed();
    assertThat(failure.status()).isEqualTo(400);
    assertThat(failure.contentType()).isEqualTo("application/problem+json");
    assertThat(failure.body()).contains("route 'api' does not accept WebSocket upgrades");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void anIdleWebSocketIsClosedOnBothSides() throws Exception {
    webSocketRoute(Duration.ofMillis(400));
    Events server = new Events(true);
    upstream.enqueue(new MockResponse.Builder().webSocketUpgrade(server).build());
    Events client = new Events(false);
    connect("/ws/echo", client);
    client.opened();

    assertThat(client.next()).isEqualTo("closing 1001 idle timeout");
    assertThat(server.nextMatching("closing")).isEqualTo("closing 1001 idle timeout");
  }

  /**
   * The upstream offers 128 MiB in 512 KiB messages as fast as its socket takes them, while the
   * client reads one and stops. The gateway reads the upstream only as fast as it can write to the
   * client, so the upstream's sends stall with most of the data never sent (the rest is in socket
   * buffers and one message per side); once the client reads again, everything arrives in order.
   */
  @Test
  void aSlowClientSlowsTheUpstreamInsteadOfTheGatewayBufferingForIt() throws Exception {
    webSocketRoute(Duration.ofMinutes(1));
    int count = 256;
    int size = 512 * 1024;
    AtomicInteger sent = new AtomicInteger();
    upstream.enqueue(
        new MockResponse.Builder()
            .webSocketUpgrade(
                new WebSocketListener() {
                  @Override
                  public void onOpen(WebSocket webSocket, Response response) {
                    Thread producer =
                        new Thread(
                            () -> {
                              for (int i = 0; i < count; i++) {
                                while (webSocket.queueSize() > size) {
                                  sleep(1);
                                }
                                ByteBuffer message = ByteBuffer.allocate(size).putInt(0, i);
                                webSocket.send(ByteString.of(message));
                                sent.incrementAndGet();
                              }
                            },
                            "slow-client-producer");
                    producer.setDaemon(true);
                    producer.start();
                  }

                  @Override
                  public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(code, reason);
                  }
                })
            .build());
    CountDownLatch resume = new CountDownLatch(1);
    AtomicInteger received = new AtomicInteger();
    BlockingQueue<Integer> order = new LinkedBlockingQueue<>();
    Events client =
        new Events(false) {
          @Override
          public void onMessage(WebSocket webSocket, ByteString bytes) {
            order.add(bytes.asByteBuffer().getInt(0));
            if (received.incrementAndGet() == 1) {
              await(resume);
            }
          }
        };
    WebSocket ws = connect("/ws/firehose", client);
    client.opened();

    int stalled = awaitStable(sent);
    assertThat(stalled)
        .as("messages the upstream got out while the client was not reading")
        .isLessThan(count / 2);
    resume.countDown();
    long deadline = System.nanoTime() + SECONDS.toNanos(60);
    while (received.get() < count && System.nanoTime() < deadline) {
      sleep(20);
    }
    assertThat(received.get()).isEqualTo(count);
    for (int i = 0; i < count; i++) {
      assertThat(order.poll()).isEqualTo(i);
    }
    ws.close(1000, "enough");
    assertThat(client.nextMatching("closed")).isEqualTo("closed 1000");
  }

  /**
   * A client that stops reading holds the gateway's write to it; when the idle timeout comes, no
   * close frame can reach that client, so the gateway must still close the upstream and drop the
   * client's connection rather than wait on the stuck write (which would also stall every other
   * WebSocket's timers on the route).
   */
  @Test
  void anIdleTimeoutClosesBothSidesWhenTheClientHasStoppedReading() throws Exception {
    webSocketRoute(Duration.ofMillis(400));
    BlockingQueue<String> server = new LinkedBlockingQueue<>();
    upstream.enqueue(
        new MockResponse.Builder()
            .webSocketUpgrade(
                new WebSocketListener() {
                  @Override
                  public void onOpen(WebSocket webSocket, Response response) {
                    for (int i = 0; i < 8; i++) { // far more than the sockets between can hold
                      webSocket.send(ByteString.of(new byte[1024 * 1024]));
                    }
                  }

                  @Override
                  public void onClosing(WebSocket webSocket, int code, String reason) {
                    server.add("closing " + code + " " + reason);
                    webSocket.close(code, reason);
                  }
                })
            .build());

    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", container.port()));
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(rawHandshake("/ws/firehose"));
      InputStream in = socket.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 101");
      // the client reads nothing more

      assertThat(server.poll(10, SECONDS)).isEqualTo("closing 1001 idle timeout");
      socket.setSoTimeout(2_000);
      long read = 0;
      try {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          read += n;
        }
      } catch (java.net.SocketException | java.net.SocketTimeoutException ended) {
        // reset (Jetty drops a connection with unread data) or silent until Tomcat's own timeout
      }
      assertThat(read)
          .as("bytes the client got: what was in flight, not the rest of the upstream's 8 MiB")
          .isLessThan(8L * 1024 * 1024);
    }
  }

  private static byte[] rawHandshake(String path) {
    return ("GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("the answer so far: %s", head).isNotNegative();
      head.append((char) b);
    }
    return head.toString();
  }

  /** The value once it has not changed for a second. */
  private static int awaitStable(AtomicInteger value) {
    int last = -1;
    long deadline = System.nanoTime() + SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      int now = value.get();
      if (now == last && now > 0) {
        return now;
      }
      last = now;
      sleep(1000);
    }
    return value.get();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What one WebSocket end saw, in order: messages as they came, {@code closing <code> <reason>},
   * {@code closed <code>}. An echo end sends every message back, closes with 4002 when told {@code
   * close-me}, and answers a close with the same code; every end answers a close.
   */
  static class Events extends WebSocketListener {
    record Failure(int status, @Nullable String contentType, String body, Throwable cause) {}

    private final boolean echo;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    Events(boolean echo) {
      this.echo = echo;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      events.add(response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      if (echo && text.equals("close-me")) {
        webSocket.close(4002, "server done");
      } else if (echo) {
        webSocket.send(text);
      }
      events.add(text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      if (echo) {
        webSocket.send(bytes);
      }
      events.add(bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      events.add("closing " + code + " " + reason);
      webSocket.close(code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      events.add("closed " + code);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
      String body = "";
      try {
        body = response == null ? "" : response.body().string();
      } catch (IOException | IllegalStateException e) {
        body = "(unreadable: " + e + ")";
      }
      events.add(
          new Failure(
              response == null ? -1 : response.code(),
              response == null ? null : response.header("Content-Type"),
              body,
              t));
    }

    Object next() throws InterruptedException {
      Object event = events.poll(10, SECONDS);
      assertThat(event).as("an event within 10 s").isNotNull();
      return event;
    }

    /** The next event that starts with {@code prefix}, skipping others (echoed messages). */
    Object nextMatching(String prefix) throws InterruptedException {
      while (true) {
        Object event = next();
        if (event instanceof String s && s.startsWith(prefix)) {
          return event;
        }
      }
    }

    Response opened() throws InterruptedException {
      Object event = next();
      assertThat(event).as("the handshake's outcome").isInstanceOf(Response.class);
      return (Response) event;
    }

    Failure failed() throws InterruptedException {
      Object event = next();
      assertThat(event).as("the handshake's outcome").isInstanceOf(Failure.class);
      return (Failure) event;
    }
  }
}
