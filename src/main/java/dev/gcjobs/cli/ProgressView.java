package dev.gcjobs.cli;

import dev.gcjobs.engine.ExportStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows an export's progress on stderr: a progress bar on a terminal, a plain line every few
 * seconds otherwise (logs, CI), nothing with {@code --quiet}.
 */
final class ProgressView implements AutoCloseable {
  /** Often enough to see it move in a log, rarely enough not to flood it. */
  private static final Duration LINE_EVERY = Duration.ofSeconds(5);

  /** Fits the bar and its counters on a common 120-column terminal. */
  private static final int DEFAULT_WIDTH = 119;

  private final PrintStream err;
  private final boolean quiet;
  private ProgressBar bar;
  private Instant lastLine = Instant.EPOCH;

  ProgressView(PrintStream err, boolean quiet, boolean terminal, int chunks) {
    this.err = err;
    this.quiet = quiet;
    if (!quiet && terminal) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("export")
              .setInitialMax(chunks)
              .setUnit(" chunks", 1)
              .setStyle(ProgressBarStyle.ASCII)
              // A fixed width: asking the terminal would set up JLine, whose signal handling
              // ends the JVM on Ctrl-C without running the hook that saves and says how to resume.
              .setConsumer(new ConsoleProgressBarConsumer(err, width()))
              .setUpdateIntervalMillis(250)
              .build();
    }
  }

  void update(ExportStatus status, RunStats stats) {
    if (quiet) {
      return;
    }
    ExportStatus.Progress p = status.progress();
    String extra =
        p.records()
            + " records, "
            + stats.requests()
            + " requests, "
            + stats.rateLimited()
            + " x 429, waited "
            + seconds(stats.budgetWait());
    if (bar != null) {
      bar.stepTo(p.chunksDone());
      bar.setExtraMessage(" " + extra);
      return;
    }
    Instant now = Instant.now();
    if (Duration.between(lastLine, now).compareTo(LINE_EVERY) >= 0 || status.state().isFinal()) {
      lastLine = now;
      err.println(
          "gcjobs export: "
              + p.chunksDone()
              + "/"
              + p.chunksTotal()
              + " chunks, "
              + extra
              + " for the rate limit");
    }
  }

  private static int width() {
    try {
      return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "")) - 1);
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  static String seconds(Duration d) {
    return String.format("%.1fs", d.toMillis() / 1000.0);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
