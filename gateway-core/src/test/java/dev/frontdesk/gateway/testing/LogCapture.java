package dev.frontdesk.gateway.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what one logger writes (Logback in tests): {@code try (LogCapture log =
 * LogCapture.of("frontdesk.access")) { ...; log.messages() }}.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level previous;

  private LogCapture(String name, Level level) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    this.previous = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(level);
  }

  /** Captures INFO and above. */
  public static LogCapture of(String name) {
    return new LogCapture(name, Level.INFO);
  }

  /** Captures everything a class logs at WARN and above. */
  public static LogCapture warnings(Class<?> type) {
    return new LogCapture(type.getName(), Level.WARN);
  }

  /** Captures WARN and above from every logger. */
  public static LogCapture warningsEverywhere() {
    return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
  }

  /** The formatted messages so far, in order. */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The events so far, with level and throwable. */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // the appender adds under its own lock, from the logging thread
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
