package dev.frontdesk.examples.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Logback file appender for a busy access log that takes no lock shared by the request threads:
 * each thread encodes its line into a buffer of its own, and a full buffer goes to the file in one
 * {@code write} on a file opened for appending, which the kernel appends whole (as nginx's {@code
 * access_log ... buffer=} does per worker process). A background thread writes out every buffer
 * that has waited {@code flushMillis}, and {@link #stop()} writes out all of them.
 *
 * <p>Logback's own {@code FileAppender} takes one lock per line; with dozens of request threads on
 * a few cores, its holder flushing or being descheduled parks the others behind it
 * (docs/benchmarks.md, session 5). The price here: lines of different threads reach the file in
 * batches, so the file is ordered per thread, not overall (each line carries its time); and lines
 * wait up to {@code flushMillis} before they are written.
 *
 * <pre>{@code
 * <appender name="access-file" class="dev.frontdesk.examples.logging.ThreadBufferedFileAppender">
 *   <file>frontdesk-access.log</file>
 *   <encoder><pattern>%msg%n</pattern></encoder>
 * </appender>
 * }</pre>
 */
public final class ThreadBufferedFileAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private @Nullable Encoder<ILoggingEvent> encoder;
  private @Nullable String file;
  private int bufferSize = 16 * 1024;
  private long flushMillis = 1000;

  private volatile @Nullable FileChannel channel;
  private final Set<ThreadBuffer> buffers = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<ThreadBuffer> local =
      ThreadLocal.withInitial(
          () -> {
            ThreadBuffer b = new ThreadBuffer(bufferSize, Thread.currentThread());
            buffers.add(b);
            return b;
          });
  private @Nullable ScheduledExecutorService flusher;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  public void setFile(String file) {
    this.file = file;
  }

  /** Bytes buffered per thread before a write (16 KiB); a longer line is written at once. */
  public void setBufferSize(int bufferSize) {
    this.bufferSize = bufferSize;
  }

  /** The longest a line waits in a buffer before the background thread writes it (1000 ms). */
  public void setFlushMillis(long flushMillis) {
    this.flushMillis = flushMillis;
  }

  @Override
  public void start() {
    if (encoder == null || file == null || bufferSize <= 0 || flushMillis <= 0) {
      addError(
          "ThreadBufferedFileAppender '"
              + getName()
              + "' needs <encoder>, <file>, a positive <bufferSize> and <flushMillis>");
      return;
    }
    try {
      channel =
          FileChannel.open(
              Path.of(file),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      addError("cannot open " + file, e);
      return;
    }
    ScheduledExecutorService f =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "access-log-flusher");
              t.setDaemon(true);
              return t;
            });
    f.scheduleWithFixedDelay(this::flushWaiting, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    flusher = f;
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    Encoder<ILoggingEvent> e = encoder;
    FileChannel c = channel;
    if (e == null || c == null) {
      return;
    }
    byte[] line = e.encode(event);
    ThreadBuffer b = local.get();
    synchronized (b) { // only the flusher ever contends, once per flushMillis
      if (b.length + line.length > b.bytes.length) {
        write(c, b);
      }
      if (line.length > b.bytes.length) {
        write(c, ByteBuffer.wrap(line));
        return;
      }
      if (b.length == 0) {
        b.since = System.nanoTime();
      }
      System.arraycopy(line, 0, b.bytes, b.length, line.length);
      b.length += line.length;
    }
  }

  /**
   * Writes out the buffers whose first line has waited a flush interval, and lets go of those whose
   * thread has ended (a container's pool retires idle threads and starts new ones).
   */
  private void flushWaiting() {
    FileChannel c = channel;
    if (c == null) {
      return;
    }
    long now = System.nanoTime();
    long interval = TimeUnit.MILLISECONDS.toNanos(flushMillis);
    for (ThreadBuffer b : buffers) {
      synchronized (b) {
        boolean ended = !b.owner.isAlive();
        if (b.length > 0 && (ended || now - b.since >= interval)) {
          write(c, b);
        }
        if (ended) {
          buffers.remove(b);
        }
      }
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    ScheduledExecutorService f = flusher;
    if (f != null) {
      f.shutdownNow();
    }
    FileChannel c = channel;
    channel = null;
    if (c == null) {
      return;
    }
    for (ThreadBuffer b : buffers) {
      synchronized (b) {
        write(c, b);
      }
    }
    try {
      c.close();
    } catch (IOException e) {
      addError("cannot close " + file, e);
    }
  }

  private void write(FileChannel c, ThreadBuffer b) {
    write(c, ByteBuffer.wrap(b.bytes, 0, b.length));
    b.length = 0;
  }

  private void write(FileChannel c, ByteBuffer bytes) {
    try {
      while (bytes.hasRemaining()) {
        c.write(bytes);
      }
    } catch (IOException e) {
      addError("cannot write to " + file, e);
    }
  }

  /** One thread's pending lines: guarded by itself. */
  private static final class ThreadBuffer {
    final byte[] bytes;
    final Thread owner;
    int length;
    long since; // when its first pending line came

    ThreadBuffer(int size, Thread owner) {
      this.bytes = new byte[size];
      this.owner = owner;
    }
  }
}
