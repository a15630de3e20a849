package dev.gcjobs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The CLI's log levels: a progress view replaces the per-step log lines unless asked for. */
final class Logging {
  private Logging() {}

  /**
   * Shows gcjobs' INFO lifecycle lines when {@code verbose}, only errors when {@code quiet}, else
   * warnings and errors.
   */
  static void engineEvents(boolean verbose, boolean quiet) {
    if (System.getenv("GCJOBS_LOG_LEVEL") != null) {
      return; // the user chose a level for everything
    }
    Level level = verbose ? Level.INFO : quiet ? Level.ERROR : Level.WARN;
    ((Logger) LoggerFactory.getLogger("dev.gcjobs")).setLevel(level);
  }
}
