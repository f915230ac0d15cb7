package dev.frontdesk.gateway.internal.websocket;

import dev.frontdesk.gateway.Upgrade;
import dev.frontdesk.gateway.internal.websocket.FrameReader.Frame;
import dev.frontdesk.gateway.internal.websocket.FrameReader.ProtocolViolation;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied WebSocket: the client's upgraded connection on one side (framed here, blocking I/O on
 * a thread of its own), the upstream's OkHttp WebSocket on the other. Messages are relayed whole,
 * text as text and binary as binary; close frames are relayed with their code and reason in both
 * directions; the client's pings are answered here (OkHttp answers the upstream's).
 *
 * <p><b>Backpressure.</b> Upstream to client: OkHttp's reader thread writes each message to the
 * client and blocks while the client is slow, so it stops reading the upstream's socket and TCP
 * slows the upstream down. Client to upstream: the reader waits while more than {@link #HIGH_WATER}
 * bytes wait in OkHttp's send queue. At most one message per direction, plus that queue, is held in
 * memory.
 *
 * <p><b>Ending.</b> Whichever side closes, the other is sent the same close; the client's
 * connection is closed once it has both sent and received a close frame (RFC 6455 §7.1.1: the
 * server closes the TCP connection), and everything is released {@link #CLOSE_GRACE_MILLIS} after a
 * close began at the latest. A connection silent in both directions for the idle timeout is closed
 * on both sides with 1001.
 */
public final class WebSocketBridge extends WebSocketListener implements Upgrade {
  private static final Logger log = LoggerFactory.getLogger(WebSocketBridge.class);

  /** The largest message a client may send; a larger one is refused with 1009 (RFC 6455 §7.4.1). */
  public static final int MAX_MESSAGE = 1 << 20;

  /**
   * Bytes in OkHttp's send queue above which the client's reader waits (OkHttp gives up at 16 MiB).
   */
  static final long HIGH_WATER = 1 << 20;

  static final long CLOSE_GRACE_MILLIS = 5_000;

  /**
   * How long the upstream's first message may wait for the host to switch the client's connection.
   */
  private static final long START_WAIT_MILLIS = 30_000;

  private final String name;
  private final long idleNanos;
  private final ScheduledExecutorService timers;
  private final Consumer<WebSocketBridge> onEnd;
  private final CompletableFuture<okhttp3.Response> handshake = new CompletableFuture<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean connectionClosed = new AtomicBoolean();
  private final AtomicBoolean upstreamCloseSent = new AtomicBoolean();
  private volatile @Nullable WebSocket upstream;
  private volatile @Nullable FrameWriter client;
  private volatile @Nullable Closeable connection;
  private volatile boolean clientCloseReceived;
  private volatile boolean upstreamDone;
  private volatile long lastActivity = System.nanoTime();
  private volatile @Nullable ScheduledFuture<?> timer;

  /** A close began: the idle check stops and the grace timer runs. */
  private volatile boolean closing;

  /**
   * @param name what log lines call this connection (route and request id)
   * @param onEnd told once, when everything is released
   */
  public WebSocketBridge(
      String name,
      long idleMillis,
      ScheduledExecutorService timers,
      Consumer<WebSocketBridge> onEnd) {
    this.name = name;
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
    this.timers = timers;
    this.onEnd = onEnd;
  }

  /**
   * Completes with the upstream's 101, or fails with {@link UpstreamRefused} or the I/O failure.
   */
  public CompletableFuture<okhttp3.Response> handshake() {
    return handshake;
  }

  // ---- the upstream side (OkHttp's threads) ----

  @Override
  public void onOpen(WebSocket webSocket, okhttp3.Response response) {
    upstream = webSocket;
    touch();
    scheduleIdleCheck(idleNanos);
    handshake.complete(response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    FrameWriter writer = awaitClient();
    if (writer != null) {
      try {
        touch();
        writer.text(text);
      } catch (IOException e) {
        clientGone(e);
      }
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    FrameWriter writer = awaitClient();
    if (writer != null) {
      try {
        touch();
        writer.binary(bytes);
      } catch (IOException e) {
        clientGone(e);
      }
    }
  }

  /**
   * The upstream's close: its own, or its answer to the client's; either way the client hears it.
   */
  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    touch();
    if (awaitClient() == null) {
      return;
    }
    sendClientClose(code, reason);
    if (clientCloseReceived) {
      closeConnection();
    }
    scheduleGrace();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    upstreamDone = true;
    if (connectionClosed.get()) {
      finish();
    }
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, okhttp3.@Nullable Response response) {
    upstreamDone = true;
    if (!handshake.isDone()) {
      handshake.completeExceptionally(response != null ? UpstreamRefused.of(response, t) : t);
      return;
    }
    if (!ended.get()) {
      log.warn("{}: the upstream WebSocket failed: {}", name, t.toString());
    }
    if (client != null) {
      sendClientClose(1011, "upstream failed");
    }
    finish();
  }

  // ---- the client side ----

  @Override
  public void start(InputStream in, OutputStream out, Closeable connection) {
    this.connection = connection;
    this.client = new FrameWriter(out);
    started.countDown();
    if (ended.get()) {
      closeConnection();
      return;
    }
    Thread reader = new Thread(() -> readClient(in), "frontdesk-websocket " + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void readClient(InputStream in) {
    FrameReader frames = new FrameReader(in, MAX_MESSAGE);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int type = -1;
    try {
      while (!connectionClosed.get()) {
        Frame frame = frames.next();
        touch();
        switch (frame.opcode()) {
          case FrameReader.TEXT, FrameReader.BINARY -> {
            if (type != -1) {
              throw new ProtocolViolation(1002, "a new message began before the last one ended");
            }
            type = frame.opcode();
            message.write(frame.payload());
          }
          case FrameReader.CONTINUATION -> {
            if (type == -1) {
              throw new ProtocolViolation(1002, "a continuation frame without a message");
            }
            if (message.size() + frame.payload().length > MAX_MESSAGE) {
              throw new ProtocolViolation(1009, "message larger than " + MAX_MESSAGE + " bytes");
            }
            message.write(frame.payload());
          }
          case FrameReader.PING -> Objects.requireNonNull(client).pong(frame.payload());
          case FrameReader.PONG -> {} // an answer to nobody: the gateway sends no pings
          default -> { // CLOSE
            clientClosed(frame.payload());
            return;
          }
        }
        if (frame.fin() && frame.opcode() <= FrameReader.BINARY) {
          if (type != -1) {
            sendUpstream(type, message.toByteArray());
            message.reset();
            type = -1;
          }
        }
      }
    } catch (ProtocolViolation e) {
      log.debug("{}: the client broke the WebSocket protocol: {}", name, e.getMessage());
      sendClientClose(e.code, e.getMessage());
      closeUpstream(1001, "the client broke the protocol");
      closeConnection();
      scheduleGrace();
    } catch (IOException e) {
      clientGone(e);
    }
  }

  private void sendUpstream(int type, byte[] payload) throws ProtocolViolation {
    WebSocket ws = Objects.requireNonNull(upstream);
    while (ws.queueSize() > HIGH_WATER && !ended.get()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the upstream is slow: so are we
    }
    if (type == FrameReader.TEXT) {
      ws.send(utf8(payload, 1007));
    } else {
      ws.send(ByteString.of(payload));
    }
  }

  /** The client's close: relayed to the upstream, whose answer {@link #onClosing} relays back. */
  private void clientClosed(byte[] payload) throws ProtocolViolation {
    int code = 1005;
    String reason = "";
    if (payload.length == 1) {
      throw new ProtocolViolation(1002, "a close frame with a one-byte payload");
    }
    if (payload.length >= 2) {
      code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
      if (!CloseCodes.sendable(code)) {
        throw new ProtocolViolation(
            1002, "close code " + code + " may not be sent (RFC 6455 §7.4)");
      }
      reason = utf8(java.util.Arrays.copyOfRange(payload, 2, payload.length), 1007);
    }
    clientCloseReceived = true;
    closeUpstream(code == 1005 ? 1000 : code, reason);
    FrameWriter writer = client;
    if (writer != null && writer.closeSent()) {
      closeConnection(); // this answered our close: the client's side is done
    }
    scheduleGrace();
  }

  private void clientGone(IOException e) {
    if (!connectionClosed.get()) {
      if (e instanceof EOFException) {
        log.debug("{}: the client closed its connection", name);
      } else {
        log.debug("{}: the client's connection failed: {}", name, e.toString());
      }
    }
    closeUpstream(1001, "the client went away");
    closeConnection();
    scheduleGrace();
    if (upstreamDone) {
      finish();
    }
  }

  // ---- both sides ----

  /** Ends the connection from the gateway's side: 1001 to both, then everything released. */
  @Override
  public void close() {
    closeBoth(1001, "the gateway is closing");
    finish();
  }

  private void idleOut() {
    log.debug(
        "{}: idle for {} ms, closing both sides", name, TimeUnit.NANOSECONDS.toMillis(idleNanos));
    closeBoth(1001, "idle timeout");
    scheduleGrace();
  }

  /**
   * Sends both sides a close from a thread that must not wait on the client (the route's timer,
   * shared by its WebSockets, or the gateway closing). A write to the client still in progress is
   * held by a client that stopped reading: no close frame can reach it, so its connection is
   * dropped instead (RFC 6455 §7.1.7), which also frees the thread stuck writing to it.
   */
  private void closeBoth(int code, String reason) {
    FrameWriter writer = client;
    boolean stuck;
    try {
      stuck = writer != null && !writer.tryClose(code, reason);
    } catch (IOException e) {
      stuck = true;
    }
    closeUpstream(code, reason); // before the drop, whose failed write would close it otherwise
    if (stuck) {
      closeConnection();
    }
  }

  private void sendClientClose(int code, String reason) {
    FrameWriter writer = client;
    try {
      if (writer != null) {
        writer.close(code, reason);
      }
    } catch (IOException e) {
      closeConnection();
    }
  }

  private void closeUpstream(int code, String reason) {
    WebSocket ws = upstream;
    if (ws != null && upstreamCloseSent.compareAndSet(false, true)) {
      ws.close(code, reason.length() > 123 ? reason.substring(0, 123) : reason);
    }
  }

  private void closeConnection() {
    Closeable c = connection;
    if (c != null && connectionClosed.compareAndSet(false, true)) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        log.debug("{}: closing the client's connection failed: {}", name, e.toString());
      }
      if (upstreamDone) {
        finish();
      }
    }
  }

  /**
   * Releases everything at once: the client's connection, the upstream (cancelled if still open),
   * the timer.
   */
  private void finish() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    started.countDown(); // an upstream callback waiting for a client that will never come
    closeConnection();
    WebSocket ws = upstream;
    if (ws != null && !upstreamDone) {
      ws.cancel();
    }
    onEnd.accept(this);
  }

  private @Nullable FrameWriter awaitClient() {
    try {
      if (!started.await(START_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        log.warn(
            "{}: the client's connection was not switched within {} ms", name, START_WAIT_MILLIS);
        finish();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish();
    }
    return ended.get() ? null : client;
  }

  private void touch() {
    lastActivity = System.nanoTime();
  }

  private void scheduleIdleCheck(long delayNanos) {
    if (!ended.get() && !closing) {
      timer = timers.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void checkIdle() {
    if (closing) {
      return;
    }
    long idle = System.nanoTime() - lastActivity;
    if (idle >= idleNanos) {
      idleOut();
    } else {
      scheduleIdleCheck(idleNanos - idle);
    }
  }

  /** Once a close began, everything is released after the grace period whatever the peers do. */
  private synchronized void scheduleGrace() {
    if (closing) {
      return;
    }
    closing = true;
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    if (!ended.get()) {
      timer = timers.schedule(this::finish, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private static String utf8(byte[] bytes, int code) throws ProtocolViolation {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolViolation(code, "text that is not UTF-8 (RFC 6455 §8.1)");
    }
  }

  @Override
  public String toString() {
    return "WebSocketBridge{" + name + "}";
  }
}
