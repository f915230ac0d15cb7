package dev.frontdesk.examples.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import dev.frontdesk.gateway.testing.Poller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every line reaches the file whole, each thread's in order, and none waits past its interval. */
class ThreadBufferedFileAppenderTest {
  private static final Pattern LINE =
      Pattern.compile("\\{\"thread\":(\\d+),\"n\":(\\d+),\"pad\":\"(x*)\"}");

  @TempDir Path dir;

  @Test
  void linesOfManyThreadsReachTheFileWholeAndInEachThreadsOrder() throws Exception {
    Path file = dir.resolve("access.log");
    LoggerContext context = new LoggerContext();
    ThreadBufferedFileAppender appender = appender(context, file, 512, 60_000);
    Logger log = logger(context, appender);
    int threads = 8;
    int lines = 2_000;
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                for (int i = 0; i < lines; i++) {
                  log.info("{\"thread\":{},\"n\":{},\"pad\":\"{}\"}", id, i, "x".repeat(i % 90));
                }
              });
      w.start();
      writers.add(w);
    }
    for (Thread w : writers) {
      w.join();
    }
    appender.stop();

    List<String> written = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(written).hasSize(threads * lines);
    Map<Integer, Integer> next = new HashMap<>();
    for (String line : written) {
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as("a whole line: %s", line).isTrue();
      int thread = Integer.parseInt(m.group(1));
      int n = Integer.parseInt(m.group(2));
      assertThat(m.group(3)).hasSize(n % 90);
      assertThat(n)
          .as("thread %d's lines in order", thread)
          .isEqualTo(next.getOrDefault(thread, 0));
      next.put(thread, n + 1);
    }
  }

  @Test
  void aLineWaitsNoLongerThanTheFlushIntervalAndALongLineIsWrittenAtOnce() throws Exception {
    Path file = dir.resolve("access.log");
    LoggerContext context = new LoggerContext();
    ThreadBufferedFileAppender appender = appender(context, file, 64, 100);
    Logger log = logger(context, appender);
    try {
      log.info("a long line: " + "y".repeat(100));
      assertThat(Files.readString(file)).isEqualTo("a long line: " + "y".repeat(100) + "\n");

      log.info("short");
      Poller.until(
          "the short line is written by the flusher",
          Duration.ofSeconds(10),
          () -> Files.readString(file).endsWith("\nshort\n"));
    } finally {
      appender.stop();
    }
  }

  @Test
  void refusesToStartWithoutAFile() {
    LoggerContext context = new LoggerContext();
    ThreadBufferedFileAppender appender = new ThreadBufferedFileAppender();
    appender.setContext(context);
    appender.setEncoder(encoder(context));
    appender.start();
    assertThat(appender.isStarted()).isFalse();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .anySatisfy(s -> assertThat(s.getMessage()).contains("needs <encoder>, <file>"));
  }

  private static ThreadBufferedFileAppender appender(
      LoggerContext context, Path file, int bufferSize, long flushMillis) {
    ThreadBufferedFileAppender appender = new ThreadBufferedFileAppender();
    appender.setContext(context);
    appender.setName("access-file");
    appender.setEncoder(encoder(context));
    appender.setFile(file.toString());
    appender.setBufferSize(bufferSize);
    appender.setFlushMillis(flushMillis);
    appender.start();
    assertThat(appender.isStarted()).isTrue();
    return appender;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    return encoder;
  }

  private static Logger logger(LoggerContext context, ThreadBufferedFileAppender appender) {
    Logger log = context.getLogger("frontdesk.access");
    log.setAdditive(false);
    log.addAppender(appender);
    return log;
  }
}
