package dev.gcjobs.genesys;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event (DEBUG and up) while open, as the text a log file would hold. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger genesys = (Logger) LoggerFactory.getLogger("dev.gcjobs");
  private final Level previous = genesys.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
    genesys.setLevel(Level.DEBUG);
  }

  /** Each event's formatted message, with its exception's class, message and causes. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      StringBuilder s = new StringBuilder(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        s.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(s.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    genesys.setLevel(previous);
  }
}
