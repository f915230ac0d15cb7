package dev.frontdesk.gateway.servlet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Writes direct buffers to a container's output stream when it takes them: Jetty's and Tomcat's
 * streams have a public {@code write(ByteBuffer)} (Servlet 6.1 makes it standard), and Jetty hands
 * a direct buffer to the socket without a copy. A body read from a plain upstream connection into a
 * direct buffer then crosses the gateway without being copied in the JVM at all.
 *
 * <p>The adapter compiles against Servlet 6.0, so the method is found per stream class, once.
 * Buffers are pooled: allocating direct memory per response would cost more than the copies saved.
 */
final class DirectWrites {
  /** Large enough for a 64 KiB body in one read and one write when the upstream is that quick. */
  static final int BUFFER_SIZE = 64 * 1024;

  private static final int MAX_POOLED = 64;
  private static final ConcurrentLinkedQueue<ByteBuffer> pool = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger pooled = new AtomicInteger();

  private static final MethodType WRITE = MethodType.methodType(void.class, ByteBuffer.class);
  private static final MethodType CALL =
      MethodType.methodType(void.class, OutputStream.class, ByteBuffer.class);

  private static final ClassValue<@Nullable MethodHandle> writers =
      new ClassValue<>() {
        @Override
        protected @Nullable MethodHandle computeValue(Class<?> type) {
          try {
            return MethodHandles.publicLookup().findVirtual(type, "write", WRITE).asType(CALL);
          } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // this container copies through byte arrays
          }
        }
      };

  private DirectWrites() {}

  /** The {@code write(ByteBuffer)} of a stream class, or null when it has none. */
  static @Nullable MethodHandle writer(Class<? extends OutputStream> type) {
    return writers.get(type);
  }

  /** Writes all of {@code buffer} through {@code writer}, blocking as the stream's writes do. */
  static void write(MethodHandle writer, OutputStream out, ByteBuffer buffer) throws IOException {
    try {
      writer.invokeExact(out, buffer);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IOException(e);
    }
  }

  /** A cleared direct buffer of {@link #BUFFER_SIZE} bytes. */
  static ByteBuffer take() {
    ByteBuffer buffer = pool.poll();
    if (buffer == null) {
      return ByteBuffer.allocateDirect(BUFFER_SIZE);
    }
    pooled.decrementAndGet();
    return buffer.clear();
  }

  /**
   * Returns a buffer that nothing holds any more; after a failed write the container may still, so
   * such a buffer is left to the garbage collector instead.
   */
  static void give(ByteBuffer buffer) {
    if (pooled.incrementAndGet() <= MAX_POOLED) {
      pool.offer(buffer);
    } else {
      pooled.decrementAndGet();
    }
  }
}
