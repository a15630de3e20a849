package dev.gcjobs.sync;

import dev.gcjobs.engine.ExportReader;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.store.ExportLoadRepository;
import dev.gcjobs.store.ExportLoadRow;
import dev.gcjobs.tables.LoadCounts;
import dev.gcjobs.tables.PartsLoad;
import dev.gcjobs.tables.RecordKind;
import dev.gcjobs.tables.TableDestination;
import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.tables.TablesException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports of the service that end in one of its named table destinations. The wish is stored with
 * the export ({@link #ask}); every {@link #TICK} each PENDING load whose export is DONE is loaded
 * (its output file into the destination's tables) and marked DONE with its counts, and one whose
 * export FAILED or was CANCELLED is marked FAILED. A load that cannot write its destination stays
 * PENDING with its last error and is tried again on the next tick. A destination takes one load at
 * a time from this process. Loading is idempotent, so a load run twice (a process stopped after
 * loading, two nodes) leaves the same rows; the counts are those of the load that finished first.
 *
 * <p>Thread-safe. The engine's workers must run for exports to end.
 */
public final class ExportLoads implements AutoCloseable {
  /** How often pending loads are looked at: a load starts within this of its export ending. */
  public static final Duration TICK = Duration.ofSeconds(1);

  /** Loads at once, each into another destination. */
  private static final int THREADS = 2;

  /** How long a stop waits for loads running to end. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private static final Logger log = LoggerFactory.getLogger(ExportLoads.class);

  private final ExportLoadRepository loads;
  private final ExportReader exports;
  private final SyncDestinations destinations;
  private final Clock clock;
  private final ScheduledExecutorService ticker;
  private final ExecutorService runner;
  private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
  private final Set<String> busyDestinations = ConcurrentHashMap.newKeySet();

  /**
   * Builds the loader; {@link #start()} starts it.
   *
   * @param clock the clock loads are stamped with, and the tables' rows
   */
  public ExportLoads(
      ExportLoadRepository loads,
      ExportReader exports,
      SyncDestinations destinations,
      Clock clock) {
    this.loads = loads;
    this.exports = exports;
    this.destinations = destinations;
    this.clock = clock;
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("gcjobs-export-loads"));
    this.runner = Executors.newFixedThreadPool(THREADS, daemon("gcjobs-export-load"));
  }

  /** Starts looking for loads to run. */
  public ExportLoads start() {
    ticker.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Checks that {@code destination} names a configured destination.
   *
   * @throws InvalidRequest (field {@code destination}) naming the configured ones when it does not
   */
  public void check(String destination) {
    if (destinations.named(destination).isEmpty()) {
      throw new InvalidRequest(
          "destination",
          "no destination is called \"" + destination + "\": " + destinations.available());
    }
  }

  /**
   * Stores that the export {@code exportId} ends in {@code destination} (checked first), unless it
   * already has a load: an export is loaded once, into one destination.
   *
   * @return the export's load: the new one, or the one it had (which may name another destination)
   * @throws InvalidRequest (field {@code destination}) when no destination has that name
   */
  public ExportLoad ask(String exportId, String destination) {
    check(destination);
    return view(loads.ask(exportId, destination, clock.instant()));
  }

  /** The load of that export, if one was asked for. */
  public Optional<ExportLoad> find(String exportId) {
    return loads.find(exportId).map(ExportLoads::view);
  }

  private static ExportLoad view(ExportLoadRow row) {
    ExportLoadRow.Counts counts = row.counts();
    return new ExportLoad(
        row.exportId(),
        row.destination(),
        ExportLoad.State.valueOf(row.state().name()),
        counts == null ? 0 : counts.inserted(),
        counts == null ? 0 : counts.changed(),
        counts == null ? 0 : counts.unchanged(),
        row.error());
  }

  private void tick() {
    try {
      for (ExportLoadRow load : loads.pending()) {
        if (!runningHere.contains(load.exportId())) {
          consider(load);
        }
      }
    } catch (RuntimeException e) {
      // The store may be down for a while: the next tick tries again.
      log.warn("export loads: cannot read the pending loads: {}", e.getMessage());
    }
  }

  private void consider(ExportLoadRow load) {
    String id = load.exportId();
    Optional<TableTarget> target = destinations.named(load.destination());
    if (target.isEmpty()) {
      // Configured when asked, gone after a restart: the operators may put it back.
      String why = "this service has no destination called " + load.destination() + " now";
      if (retry(load, why)) {
        log.warn("export {}: not loaded yet: {}", id, why);
      }
      return;
    }
    Optional<ExportStatus> status = exports.find(id);
    if (status.isEmpty()) {
      fail(load, "no export has the id " + id);
      return;
    }
    ExportStatus.State state = status.get().state();
    if (state == ExportStatus.State.FAILED || state == ExportStatus.State.CANCELLED) {
      ExportStatus.Failure failure = status.get().failure();
      fail(
          load,
          "the export ended "
              + state
              + (failure == null ? "" : ": " + failure.message())
              + "; nothing was loaded");
    } else if (state == ExportStatus.State.DONE && busyDestinations.add(load.destination())) {
      launch(load, target.get(), RecordKind.valueOf(status.get().kind().name()));
    }
  }

  private void launch(ExportLoadRow load, TableTarget target, RecordKind kind) {
    runningHere.add(load.exportId());
    try {
      runner.execute(
          () -> {
            try {
              run(load, target, kind);
            } finally {
              busyDestinations.remove(load.destination());
              runningHere.remove(load.exportId());
            }
          });
    } catch (RuntimeException e) {
      // Rejected: the loader is stopping.
      busyDestinations.remove(load.destination());
      runningHere.remove(load.exportId());
    }
  }

  private void run(ExportLoadRow load, TableTarget target, RecordKind kind) {
    Optional<Path> output = exports.output(load.exportId());
    if (output.isEmpty()) {
      fail(
          load,
          "the export is done but its output file is gone from the service; nothing was loaded");
      return;
    }
    Path file = output.get();
    try {
      LoadCounts counts = load(file, target, kind);
      loads.done(
          load.exportId(),
          new ExportLoadRow.Counts(counts.inserted(), counts.changed(), counts.unchanged()),
          clock.instant());
      log.info(
          "export {}: loaded into {}: {} new, {} changed, {} unchanged",
          load.exportId(),
          load.destination(),
          counts.inserted(),
          counts.changed(),
          counts.unchanged());
    } catch (TablesException e) {
      if (e.subject() == TablesException.Subject.INPUT) {
        fail(load, e.getMessage().replace(file.toString(), "the export's output"));
      } else {
        cannotWrite(load, e);
      }
    } catch (RuntimeException e) {
      // The store or the destination failed mid-way: loading again repairs what was half-written.
      cannotWrite(load, e);
    }
  }

  /** Loads the export's output; one with no records leaves the tables there, empty. */
  private LoadCounts load(Path file, TableTarget target, RecordKind kind) {
    try (TableDestination destination = target.destination(clock)) {
      return new PartsLoad(destination, kind).finish(file, bytes -> {}).counts();
    }
  }

  /**
   * Keeps the load PENDING. Why goes to the log only, as it names the destination's files or host,
   * which API callers never see; its operators do.
   */
  private void cannotWrite(ExportLoadRow load, RuntimeException e) {
    String why =
        "cannot write to "
            + load.destination()
            + " now; the service's log says why, and the load is tried again every "
            + TICK.toSeconds()
            + "s";
    if (retry(load, why)) {
      log.warn(
          "export {}: cannot load into {} yet: {}",
          load.exportId(),
          load.destination(),
          e.getMessage());
    }
  }

  private void fail(ExportLoadRow load, String why) {
    if (loads.failed(load.exportId(), why, clock.instant())) {
      log.warn("export {}: not loaded into {}: {}", load.exportId(), load.destination(), why);
    }
  }

  /**
   * Stores why a load is held back once, not every tick: only when it differs from the last one.
   *
   * @return whether it was stored, for the caller to log it once too
   */
  private boolean retry(ExportLoadRow load, String why) {
    return !why.equals(load.error()) && loads.retrying(load.exportId(), why, clock.instant());
  }

  /**
   * Stops looking for loads and waits for those running. Nothing is interrupted: an interrupt
   * during file I/O closes the channel, and with it an H2 store. A load cut short stays PENDING and
   * runs again on the next start.
   */
  @Override
  public void close() {
    ticker.shutdown();
    runner.shutdown();
    try {
      ticker.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (!runner.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("export loads: loads still running after {}", STOP_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
