package dev.gcjobs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The CLI's log levels: a progress view replaces the per-step log lines unless asked for. */
final class Logging {
  private Logging() {}

  /** Shows gcjobs' INFO lifecycle lines when {@code verbose}, else only warnings and errors. */
  static void engineEvents(boolean verbose) {
    if (System.getenv("GCJOBS_LOG_LEVEL") != null) {
      return; // the user chose a level for everything
    }
    ((Logger) LoggerFactory.getLogger("dev.gcjobs")).setLevel(verbose ? Level.INFO : Level.WARN);
  }
}
