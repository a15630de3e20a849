package dev.gcjobs.cli;

import dev.gcjobs.engine.Engine;
import dev.gcjobs.sync.CycleSummary;
import dev.gcjobs.sync.Syncs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Runs a sync's cycles in this process: one, or one every so often until stopped. */
final class SyncRun {
  private final Syncs syncs;
  private final String id;
  private final Engine engine;
  private final SimpleMeterRegistry registry;
  private final PrintStream err;
  private final boolean quiet;
  private final Path summaryJson;
  private ProgressView view;

  SyncRun(
      Syncs syncs,
      String id,
      Engine engine,
      SimpleMeterRegistry registry,
      PrintStream err,
      boolean quiet,
      Path summaryJson) {
    this.syncs = syncs;
    this.id = id;
    this.engine = engine;
    this.registry = registry;
    this.err = err;
    this.quiet = quiet;
    this.summaryJson = summaryJson;
  }

  /**
   * Runs one cycle, or with {@code every} a cycle every {@code every} (from the start of one to the
   * next) until the process is stopped.
   *
   * @return the exit code of the last cycle
   */
  int run(Duration every, boolean reconcileFirst) {
    // On Ctrl-C or SIGTERM: let the steps in flight finish and save, then exit; a cycle cut short
    // is stored as running, and the same command resumes it.
    Thread onStop =
        new Thread(
            () -> {
              engine.close();
              err.println(
                  "\ngcjobs sync: stopped; run the same command again to go on with sync " + id);
              Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
            },
            "gcjobs-stop");
    Runtime.getRuntime().addShutdownHook(onStop);
    engine.start();
    boolean reconcile = reconcileFirst;
    try {
      while (true) {
        Instant began = Instant.now();
        int code = cycle(reconcile);
        reconcile = false;
        if (every == null) {
          return code;
        }
        Duration rest = every.minus(Duration.between(began, Instant.now()));
        if (!rest.isNegative()) {
          if (!quiet) {
            err.println("gcjobs sync: next cycle at " + Instant.now().plus(rest));
          }
          Thread.sleep(rest.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERRUPTED;
    } finally {
      engine.close();
      Runtime.getRuntime().removeShutdownHook(onStop);
    }
  }

  private int cycle(boolean reconcile) throws InterruptedException {
    CycleSummary summary;
    try {
      summary =
          syncs.runCycle(
              id,
              reconcile,
              status -> {
                if (view == null) {
                  view =
                      new ProgressView(
                          err, quiet, System.console() != null, status.progress().chunksTotal());
                }
                view.update(status, RunStats.of(registry));
              });
    } finally {
      if (view != null) {
        view.close();
        view = null;
      }
    }
    if (!quiet || !summary.succeeded()) {
      err.println("gcjobs sync: " + line(summary));
    }
    if (summaryJson != null) {
      try {
        SyncCommand.writeSummary(summaryJson, summary);
      } catch (IOException e) {
        err.println("gcjobs sync: --summary-json " + summaryJson + ": " + e.getMessage());
        return ExitCode.FAILURE;
      }
    }
    return summary.succeeded() ? ExitCode.OK : ExitCode.FAILURE;
  }

  static String line(CycleSummary s) {
    if (s.seq() == 0) {
      return "nothing to read yet: Genesys' data availability has not passed --since (it trails"
          + " by "
          + s.lag().toMinutes()
          + " min)";
    }
    String head =
        "cycle "
            + s.seq()
            + (s.reconcile() ? " (reconcile)" : "")
            + (s.succeeded() ? " done" : " FAILED")
            + " in "
            + ProgressView.seconds(s.took())
            + ": read from "
            + s.windowStart()
            + "; watermark "
            + (s.watermarkBefore() == null ? "none" : s.watermarkBefore())
            + " -> "
            + s.watermarkAfter()
            + " (lag "
            + s.lag().toMinutes()
            + " min); ";
    if (!s.succeeded()) {
      return head + s.error() + "; the next cycle reads the same window";
    }
    return head
        + s.added()
        + " new, "
        + s.changed()
        + " changed, "
        + s.deleted()
        + " deleted, "
        + s.unchanged()
        + " unchanged; "
        + s.requests()
        + " requests";
  }
}
