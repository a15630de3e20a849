package dev.gcjobs.sync;

import dev.gcjobs.engine.ExportInterval;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.engine.ExportService;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.store.SyncCycleRow;
import dev.gcjobs.store.SyncCycleRow.Counts;
import dev.gcjobs.store.SyncRepository;
import dev.gcjobs.store.SyncRow;
import dev.gcjobs.tables.LoadCounts;
import dev.gcjobs.tables.PartsLoad;
import dev.gcjobs.tables.RecordKind;
import dev.gcjobs.tables.TableDestination;
import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.tables.TablesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cycle of one sync, each step stored before the next: the window, then its export (resumable
 * like any export), then the load into the destination and the marking of what is gone, both
 * idempotent and stamped with the cycle's start, then the watermark. A process killed anywhere runs
 * the same cycle again and ends with the same tables and the same counts.
 */
final class SyncCycle {
  private static final Logger log = LoggerFactory.getLogger(SyncCycle.class);

  /** How often the export's state is read while it runs; the engine does the work meanwhile. */
  private static final Duration EXPORT_CHECK = Duration.ofMillis(200);

  private final SyncRepository repo;
  private final ExportService exports;
  private final Path workDir;
  private final Clock clock;
  private final LongSupplier requests;
  private final Runnable stillRunning;
  private final BooleanSupplier stopping;

  /**
   * @param workDir where each cycle's export file lives until the cycle has loaded it
   * @param requests the Genesys requests made so far by this process
   * @param stillRunning called now and then while the cycle runs, to renew the sync's claim
   * @param stopping whether the process is stopping: a cycle then stops waiting for its export
   *     (never by an interrupt, which would close the store's and the tables' files under them)
   */
  SyncCycle(
      SyncRepository repo,
      ExportService exports,
      Path workDir,
      Clock clock,
      LongSupplier requests,
      Runnable stillRunning,
      BooleanSupplier stopping) {
    this.repo = repo;
    this.exports = exports;
    this.workDir = workDir;
    this.clock = clock;
    this.requests = requests;
    this.stillRunning = stillRunning;
    this.stopping = stopping;
  }

  /**
   * Runs the cycle the sync left running, or the next one; {@code progress} sees its export's state
   * now and then.
   *
   * @throws InterruptedException when stopped while the export runs: the cycle stays stored as
   *     running and the next run resumes it
   */
  CycleSummary run(
      SyncRow row, TableTarget target, boolean reconcileNow, Consumer<ExportStatus> progress)
      throws InterruptedException {
    SyncDefinition def = SyncDefinition.fromJson(row.definitionJson());
    Instant began = clock.instant();
    long requestsBefore = requests.getAsLong();
    Optional<SyncCycleRow> running = repo.runningCycle(row.id());
    SyncCycleRow cycle;
    if (running.isPresent()) {
      cycle = running.get();
      log.info("sync {}: resuming cycle {}", row.id(), cycle.seq());
    } else {
      Instant availability =
          exports
              .dataAvailability(def.kind())
              .orElseThrow(() -> new IllegalStateException("Genesys did not say its availability"));
      Optional<SyncPlan.Window> window =
          def.plan()
              .next(row.watermark(), row.lastReconcileAt(), availability, began, reconcileNow);
      if (window.isEmpty()) {
        return nothingToRead(row, availability, began);
      }
      SyncPlan.Window w = window.get();
      cycle = repo.startCycle(row.id(), w.reconcile(), w.start(), w.end(), row.watermark(), began);
      log.info(
          "sync {}: cycle {} reads {}/{}{}",
          row.id(),
          cycle.seq(),
          w.start(),
          w.end(),
          w.reconcile() ? " (reconcile)" : "");
    }
    try {
      Path file = workDir.resolve(def.id()).resolve("cycle-" + cycle.seq() + ".ndjson.gz");
      Counts counts = exportAndLoad(def, target, cycle, file, progress, requestsBefore);
      repo.finishCycle(cycle, counts, clock.instant());
      deleteQuietly(file);
      return summary(cycle, counts, cycle.windowEnd(), null, began);
    } catch (CycleFailed | TablesException e) {
      repo.failCycle(cycle, e.getMessage(), clock.instant());
      log.warn("sync {}: cycle {} failed: {}", row.id(), cycle.seq(), e.getMessage());
      Counts none = new Counts(0, 0, 0, 0, requests.getAsLong() - requestsBefore);
      return summary(cycle, none, cycle.watermarkBefore(), e.getMessage(), began);
    }
  }

  /**
   * Exports the window and loads it, marks what is gone and reads the counts back, then closes the
   * tables (Parquet files are written then): all before the cycle is stored as finished.
   */
  private Counts exportAndLoad(
      SyncDefinition def,
      TableTarget target,
      SyncCycleRow cycle,
      Path file,
      Consumer<ExportStatus> progress,
      long requestsBefore)
      throws InterruptedException {
    RecordKind kind = RecordKind.valueOf(def.kind().name());
    // The cycle's start stamps every row it loads, sees or marks: its counts are read back from
    // the destination, the same after a restart as in one go.
    Clock stamp = Clock.fixed(cycle.startedAt(), ZoneOffset.UTC);
    try (TableDestination destination = target.destination(stamp)) {
      PartsLoad load = new PartsLoad(destination, kind);
      export(def, cycle, file, progress, load);
      load.finish(file, bytes -> stillRunning.run());
      long deleted =
          destination.markGone(cycle.windowStart(), cycle.windowEnd(), def.purgeDeleted());
      LoadCounts loaded = destination.countsAt();
      return new Counts(
          loaded.inserted(),
          loaded.changed(),
          deleted,
          loaded.unchanged(),
          requests.getAsLong() - requestsBefore);
    }
  }

  /**
   * Runs the cycle's export, loading its records as its chunks save them (the export waits on
   * Genesys meanwhile); what is left is loaded from the file it returns.
   */
  private void export(
      SyncDefinition def,
      SyncCycleRow cycle,
      Path file,
      Consumer<ExportStatus> progress,
      PartsLoad load)
      throws InterruptedException {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new CycleFailed("cannot create " + file.getParent() + " (" + e.getMessage() + ")");
    }
    ExportRequest request =
        ExportRequest.builder()
            .kind(def.kind().cliName())
            .interval(new ExportInterval(cycle.windowStart(), cycle.windowEnd()).toWireString())
            .query(def.query())
            .output(file.toString())
            .build();
    ExportStatus status = exports.submit(request, null);
    if (!status.id().equals(cycle.exportId())) {
      repo.setCycleExport(cycle.syncId(), cycle.seq(), status.id());
    }
    boolean loadPages = true;
    long nextLoad = System.nanoTime() + PartsLoad.EVERY.toNanos();
    while (!status.state().isFinal()) {
      progress.accept(status);
      if (stopping.getAsBoolean()) {
        throw new InterruptedException("stopped while cycle " + cycle.seq() + " exported");
      }
      Thread.sleep(EXPORT_CHECK.toMillis());
      stillRunning.run();
      // Paced by the machine's clock: the sync's own may be a test's, which does not move.
      if (loadPages && System.nanoTime() >= nextLoad) {
        String exportId = status.id();
        loadPages =
            load.follow(
                "sync " + cycle.syncId() + " cycle " + cycle.seq(),
                () -> exports.savedParts(exportId),
                bytes -> stillRunning.run());
        nextLoad = System.nanoTime() + PartsLoad.EVERY.toNanos();
      }
      status = exports.find(status.id()).orElseThrow();
    }
    progress.accept(status);
    if (status.state() != ExportStatus.State.DONE) {
      String why = status.failure() == null ? status.state().name() : status.failure().message();
      throw new CycleFailed("export " + status.id() + " " + status.state() + ": " + why);
    }
  }

  private CycleSummary nothingToRead(SyncRow row, Instant availability, Instant began) {
    log.info(
        "sync {}: nothing to read: availability {} is not past the start", row.id(), availability);
    return new CycleSummary(
        row.id(),
        0,
        false,
        null,
        row.watermark(),
        row.watermark(),
        Duration.between(availability, clock.instant()),
        0,
        0,
        0,
        0,
        0,
        Duration.between(began, clock.instant()),
        null);
  }

  private CycleSummary summary(
      SyncCycleRow cycle, Counts counts, Instant after, String error, Instant began) {
    Instant now = clock.instant();
    return new CycleSummary(
        cycle.syncId(),
        cycle.seq(),
        cycle.reconcile(),
        cycle.windowStart(),
        cycle.watermarkBefore(),
        after,
        Duration.between(cycle.windowEnd(), now),
        counts.added(),
        counts.changed(),
        counts.deleted(),
        counts.unchanged(),
        counts.requests(),
        Duration.between(began, now),
        error);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".manifest.json"));
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", file, e.getMessage());
    }
  }

  /** The cycle cannot reach its watermark: its export failed or its files cannot be written. */
  static final class CycleFailed extends RuntimeException {
    CycleFailed(String message) {
      super(message);
    }
  }
}
