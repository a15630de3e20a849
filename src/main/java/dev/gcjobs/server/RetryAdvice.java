package dev.gcjobs.server;

import dev.gcjobs.engine.ExportStatus;
import java.time.Duration;
import java.time.Instant;

/** When a client should check a running export again: at its next step, within bounds. */
final class RetryAdvice {
  /** When the engine has no step scheduled (it is between steps): a short, polite wait. */
  static final int DEFAULT_SECONDS = 5;

  /** Never less: a flow that loops faster only spends its rate budget. */
  static final int MIN_SECONDS = 1;

  /**
   * Never more: a flow should notice the end of an export within a minute, and Genesys Data Action
   * flows wait in their own loop.
   */
  static final int MAX_SECONDS = 60;

  private RetryAdvice() {}

  /** Seconds until the next useful check; 0 once the export is final. */
  static int seconds(ExportStatus status, Instant now) {
    if (status.state().isFinal()) {
      return 0;
    }
    if (status.nextCheckAt() == null) {
      return DEFAULT_SECONDS;
    }
    long millis = Duration.between(now, status.nextCheckAt()).toMillis();
    long seconds = Math.floorDiv(millis + 999, 1000);
    return (int) Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
  }
}
