package dev.frontdesk.gateway.ratelimit.redis.internal;

import dev.frontdesk.gateway.ratelimit.RateLimitBackendException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the one Lettuce connection a backend uses, in the background, so that a gateway starts
 * while Redis is down and no request ever waits on a connect: until the connection exists, checks
 * fail at once (and the limiter's failure mode answers). A failed attempt is retried at most once
 * per reconnect delay. Once connected, Lettuce reconnects by itself; while it is disconnected,
 * commands are rejected at once rather than queued.
 */
final class RedisConnector {
  private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final RedisClient client;
  private final ClientResources resources;
  private final RedisURI uri;
  private final long retryEveryNanos;
  private CompletableFuture<StatefulRedisConnection<String, byte[]>> attempt;
  private long lastAttempt;

  RedisConnector(
      String uri, Duration commandTimeout, Duration connectTimeout, Duration maxReconnectDelay) {
    this.resources =
        ClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), maxReconnectDelay, 2, TimeUnit.MILLISECONDS))
            .build();
    this.uri = RedisURI.create(uri);
    // The URI's timeout also bounds the connection handshake (HELLO, AUTH, SELECT): give it the
    // connect timeout; commands get the (short) command timeout through TimeoutOptions.
    this.uri.setTimeout(connectTimeout);
    this.client = RedisClient.create(resources, this.uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
            .build());
    this.retryEveryNanos = maxReconnectDelay.toNanos();
    this.attempt = start();
  }

  /**
   * Waits up to {@code timeout} for the first connection, so that a healthy start limits at once.
   */
  void awaitFirstConnection(Duration timeout) {
    try {
      current().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // never swallow the caller's interrupt
      }
      log.warn(
          "Redis at {} is not reachable yet ({}); limiters apply their failure mode until it is",
          uri,
          e.toString());
    }
  }

  /** Whether there is an open connection now. */
  boolean connected() {
    StatefulRedisConnection<String, byte[]> connection = established(current());
    return connection != null && connection.isOpen();
  }

  /** The connection, or an exception at once while there is none. */
  StatefulRedisConnection<String, byte[]> connection() {
    CompletableFuture<StatefulRedisConnection<String, byte[]>> current = current();
    StatefulRedisConnection<String, byte[]> connection = established(current);
    if (connection == null) {
      throw new RateLimitBackendException("not connected to Redis at " + uri, failureOf(current));
    }
    return connection;
  }

  /**
   * The attempt's connection if it succeeded, otherwise null. Not {@code getNow(null)}: that throws
   * the failure of an attempt that is not retried yet (within the reconnect delay), which made a
   * backend built while Redis refused connections throw out of {@code build()}.
   */
  private static @Nullable StatefulRedisConnection<String, byte[]> established(
      CompletableFuture<StatefulRedisConnection<String, byte[]>> attempt) {
    return attempt.isDone() && !attempt.isCompletedExceptionally() ? attempt.join() : null;
  }

  private synchronized CompletableFuture<StatefulRedisConnection<String, byte[]>> current() {
    if (attempt.isCompletedExceptionally() && System.nanoTime() - lastAttempt >= retryEveryNanos) {
      attempt = start();
    }
    return attempt;
  }

  private CompletableFuture<StatefulRedisConnection<String, byte[]>> start() {
    lastAttempt = System.nanoTime();
    return client.connectAsync(CODEC, uri).toCompletableFuture();
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    if (!future.isCompletedExceptionally()) {
      return new IllegalStateException("connecting");
    }
    try {
      future.join();
      return new IllegalStateException("connecting");
    } catch (RuntimeException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  synchronized void close() {
    attempt.thenAccept(StatefulRedisConnection::close);
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  /** The Redis URI as Lettuce prints it, without a password. */
  @Override
  public String toString() {
    return uri.toString();
  }
}
