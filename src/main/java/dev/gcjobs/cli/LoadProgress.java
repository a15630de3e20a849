package dev.gcjobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how much of a file a load has read, on stderr: a progress bar on a terminal, a plain line
 * every few seconds otherwise, nothing with {@code --quiet}. Told by one thread, the reading one.
 */
final class LoadProgress implements AutoCloseable {
  private static final Duration LINE_EVERY = Duration.ofSeconds(5);
  private static final long MB = 1024 * 1024;

  private final PrintStream err;
  private final boolean quiet;
  private final long size;
  private ProgressBar bar;
  private Instant lastLine = Instant.now();

  /**
   * @param size the file's size in bytes, or -1 if unknown (a pipe): the bar then shows no end
   */
  LoadProgress(PrintStream err, boolean quiet, boolean terminal, long size) {
    this.err = err;
    this.quiet = quiet;
    this.size = size;
    if (!quiet && terminal) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("load")
              .setInitialMax(size)
              .setUnit(" MB", MB)
              .setStyle(ProgressBarStyle.ASCII)
              // A fixed width: asking the terminal would set up JLine and its signal handling.
              .setConsumer(new ConsoleProgressBarConsumer(err, 99))
              .setUpdateIntervalMillis(250)
              .build();
    }
  }

  void read(long bytes) {
    if (quiet) {
      return;
    }
    if (bar != null) {
      bar.stepTo(bytes);
      return;
    }
    Instant now = Instant.now();
    if (Duration.between(lastLine, now).compareTo(LINE_EVERY) >= 0) {
      lastLine = now;
      err.println("gcjobs load: " + bytes / MB + (size < 0 ? "" : " of " + size / MB) + " MB read");
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
