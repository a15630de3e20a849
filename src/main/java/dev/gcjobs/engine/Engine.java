package dev.gcjobs.engine;

import dev.gcjobs.genesys.AnalyticsJobsApi;
import dev.gcjobs.store.ChunkSteps;
import dev.gcjobs.store.Database;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The export engine, assembled: the catalog that submits, lists and cancels exports ({@link
 * #exports()}), and the workers that run their chunks' steps against Genesys, scheduled by
 * db-scheduler ({@link ChunkSteps}). All state is in the store, so several engines (processes or
 * nodes) may share one database, and a killed one's exports go on in the next. Read-only uses need
 * none of this: {@link ExportCatalog} alone.
 *
 * <p>Start the workers with {@link #start()}, or drive steps one at a time with {@link
 * #runDueSteps()} (tests, with a settable clock). Thread-safe.
 */
public final class Engine implements AutoCloseable {
  private final Exports exports;
  private final Workers workers;

  /**
   * @param api the Genesys API the steps call
   * @param source names the Genesys org the api reads (API host and OAuth client id, or the
   *     emulator's data settings): the same request against another org is another export
   */
  public Engine(
      Database db, AnalyticsJobsApi api, String source, EngineSettings settings, Clock clock) {
    Objects.requireNonNull(api, "api");
    ExportCatalog catalog = new ExportCatalog(db);
    JobDurationHints hints = new JobDurationHints(settings.pollSchedule().maxDelay());
    OutputsInProgress outputs = new OutputsInProgress();
    ExportFailures failures = new ExportFailures(db.exports(), db.chunks(), clock, hints, outputs);
    OutputCompletion completion =
        new OutputCompletion(
            db.exports(), db.chunks(), settings.stateDir(), clock, outputs, failures, hints);
    ChunkSteps steps = new ChunkSteps(db, settings.workers(), clock);
    ChunkRunner runner =
        new ChunkRunner(
            db.chunks(),
            steps,
            api,
            settings,
            clock,
            RandomGenerator.getDefault(),
            failures,
            hints);
    this.workers =
        new Workers(db.exports(), db.chunks(), steps, catalog, runner, completion, clock);
    this.exports =
        new Exports(
            db,
            catalog,
            source,
            clock,
            (kind, jobId) -> api.cancel(kind.jobKind(), jobId),
            new GenesysAvailability(api, clock),
            hints,
            outputs,
            completion,
            steps::wake);
  }

  /** Submit, list, show and cancel: what the front doors use. */
  public ExportService exports() {
    return exports;
  }

  /**
   * Runs the steps of every export in the store, {@link EngineSettings#workers()} at once, after
   * taking over those of dead processes on this host.
   */
  public void start() {
    workers.start(null);
  }

  /**
   * Runs only {@code exportId}'s steps: for a process that runs its own export (the CLI) and leaves
   * the others in the same store to the processes that run them (their part files are on those
   * processes' disks).
   */
  public void startFor(String exportId) {
    workers.start(Objects.requireNonNull(exportId, "exportId"));
  }

  /**
   * Runs due steps on the calling thread until none is due.
   *
   * @return how many steps ran
   */
  public int runDueSteps() {
    int steps = 0;
    while (workers.runOneDueStep()) {
      steps++;
    }
    return steps;
  }

  /** Runs one due step, if any, on the calling thread; whether one ran. */
  public boolean runOneDueStep() {
    return workers.runOneDueStep();
  }

  /**
   * Stops the workers after their current step (their chunks stay scheduled in the store), and
   * waits for the job cancellations asked for.
   */
  @Override
  public void close() {
    try {
      workers.close();
    } finally {
      exports.close();
    }
  }
}
