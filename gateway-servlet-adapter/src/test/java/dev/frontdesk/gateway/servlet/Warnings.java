package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every warning written while it is open, from SLF4J (the gateway, Jetty) and from
 * java.util.logging (Tomcat), each as "logger: message" plus " [stack trace]" when it carries one.
 */
final class Warnings implements AutoCloseable {
  private final LogCapture slf4j = LogCapture.warningsEverywhere();
  private final List<String> jul = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            synchronized (jul) {
              jul.add(
                  record.getLoggerName()
                      + ": "
                      + record.getMessage()
                      + (record.getThrown() != null ? " [stack trace]" : ""));
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  Warnings() {
    Logger.getLogger("").addHandler(handler);
  }

  List<String> all() {
    List<String> all = new ArrayList<>();
    slf4j
        .events()
        .forEach(
            e ->
                all.add(
                    e.getLoggerName()
                        + ": "
                        + e.getFormattedMessage()
                        + (e.getThrowableProxy() != null ? " [stack trace]" : "")));
    synchronized (jul) {
      all.addAll(jul);
    }
    return all;
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(handler);
    slf4j.close();
  }
}
