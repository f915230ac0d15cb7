package dev.frontdesk.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * One upstream instance for tests: a MockWebServer that answers every request according to its
 * current mode and counts what it received. Switch the mode, or kill it, while a test runs.
 */
final class Backend implements Closeable {
  enum Mode {
    OK,
    FAIL_503,
    DISCONNECT,
    HANG,
    /** 503 to everything but the health check: what active checks cannot see. */
    FAIL_503_BUT_HEALTH_CHECKS
  }

  final String name;
  final MockWebServer server = new MockWebServer();
  final AtomicInteger received = new AtomicInteger();
  final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
  volatile Mode mode = Mode.OK;
  volatile long hangMillis = 3_000;
  private final String url;

  private Backend(String name, InetAddress address, int port) throws IOException {
    this.name = name;
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.incrementAndGet();
            requests.add(request);
            return respond(request);
          }
        });
    server.start(address, port);
    this.url = server.url("/").toString();
  }

  static Backend start(String name) throws IOException {
    return new Backend(name, InetAddress.getByName("localhost"), 0);
  }

  /** A backend on a given address and port; it answers with "a@" and its address. */
  static Backend startOn(InetAddress address, int port) throws IOException {
    return new Backend("a@" + address.getHostAddress(), address, port);
  }

  int port() {
    return server.getPort();
  }

  /** A URL on which nothing listens: connections are refused. */
  static String closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }
  }

  String url() {
    return url;
  }

  int received() {
    return received.get();
  }

  Backend mode(Mode mode) {
    this.mode = mode;
    return this;
  }

  /** Stops the server: in-flight exchanges break, new connections are refused. */
  void kill() {
    server.close();
  }

  private MockResponse respond(RecordedRequest request) {
    return switch (mode) {
      case OK ->
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "text/plain")
              .body(name)
              .build();
      case FAIL_503 -> new MockResponse.Builder().code(503).body("busy").build();
      case DISCONNECT ->
          new MockResponse.Builder()
              .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
              .build();
      case HANG ->
          new MockResponse.Builder()
              .headersDelay(hangMillis, TimeUnit.MILLISECONDS)
              .body(name)
              .build();
      case FAIL_503_BUT_HEALTH_CHECKS ->
          "/health".equals(request.getTarget())
              ? new MockResponse.Builder().code(200).body("up").build()
              : new MockResponse.Builder().code(503).body("busy").build();
    };
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
