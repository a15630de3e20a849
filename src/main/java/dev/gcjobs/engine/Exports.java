package dev.gcjobs.engine;

import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.sink.SavedPart;
import dev.gcjobs.store.ChunkConflictException;
import dev.gcjobs.store.ChunkLifecycle.Event;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import dev.gcjobs.store.Database;
import dev.gcjobs.store.DuplicateExportException;
import dev.gcjobs.store.ExportProgress;
import dev.gcjobs.store.ExportRepository;
import dev.gcjobs.store.ExportRow;
import dev.gcjobs.store.ExportState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export catalog's writing side: submit (plan and store, or find and resume) and cancel. The
 * steps themselves run in {@link Workers}; this only stores what they will do. Thread-safe.
 */
public final class Exports implements ExportService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Exports.class);

  /** How long closing waits for job cancellations already asked for to reach Genesys. */
  private static final long CANCELLATIONS_GRACE_SECONDS = 10;

  private final ExportRepository exports;
  private final ChunkRepository chunks;
  private final ExportCatalog catalog;
  private final String source;
  private final Clock clock;
  private final JobCanceller canceller;
  private final Availability availability;
  private final JobDurationHints hints;
  private final OutputsInProgress outputs;
  private final OutputCompletion completion;
  private final Runnable wakeWorkers;
  private final ExecutorService cancellations = Executors.newSingleThreadExecutor();

  Exports(
      Database db,
      ExportCatalog catalog,
      String source,
      Clock clock,
      JobCanceller canceller,
      Availability availability,
      JobDurationHints hints,
      OutputsInProgress outputs,
      OutputCompletion completion,
      Runnable wakeWorkers) {
    this.exports = db.exports();
    this.chunks = db.chunks();
    this.catalog = catalog;
    this.source = source;
    this.clock = clock;
    this.canceller = canceller;
    this.availability = availability;
    this.hints = hints;
    this.outputs = outputs;
    this.completion = completion;
    this.wakeWorkers = wakeWorkers;
  }

  /**
   * Exports in the store with no workers, whose cancel also cancels the running Genesys jobs
   * through {@code canceller}.
   */
  public static Exports withCanceller(
      Database db, Path stateDir, Clock clock, JobCanceller canceller) {
    ExportCatalog catalog = new ExportCatalog(db);
    JobDurationHints hints = new JobDurationHints(PollSchedule.DEFAULT.maxDelay());
    OutputsInProgress outputs = new OutputsInProgress();
    ExportFailures failures = new ExportFailures(db.exports(), db.chunks(), clock, hints, outputs);
    OutputCompletion completion =
        new OutputCompletion(db.exports(), db.chunks(), stateDir, clock, outputs, failures, hints);
    return new Exports(
        db,
        catalog,
        "",
        clock,
        canceller,
        Availability.UNKNOWN,
        hints,
        outputs,
        completion,
        () -> {});
  }

  /**
   * {@inheritDoc}
   *
   * @throws IntervalPastAvailability when the interval ends after Genesys' data availability and
   *     the request does not allow an incomplete export
   * @throws AvailabilityUnknown when Genesys cannot say up to when its data is complete
   */
  @Override
  public ExportStatus submit(ExportRequest request, String idempotencyKey) {
    request.checkOutput();
    Optional<ExportRow> existing =
        idempotencyKey == null ? Optional.empty() : exports.findByIdempotencyKey(idempotencyKey);
    String key = request.exportKey(source);
    if (existing.isPresent() && !existing.get().requestKey().equals(key)) {
      throw new InvalidRequest(
          "Idempotency-Key",
          "this Idempotency-Key was used for a different export ("
              + existing.get().id()
              + "); use a new key for a new export");
    }
    if (existing.isEmpty()) {
      existing = exports.findByRequestKey(key);
    }
    if (existing.isPresent()) {
      return resume(existing.get(), request);
    }
    requireAvailable(request);
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    Deadline deadline = Deadline.after(now, request.timeout());
    ExportRow row =
        ExportRow.running(
            id,
            key,
            idempotencyKey,
            request.kind().cliName(),
            StoredRequest.write(request),
            request.output().spec(),
            deadline.isNone() ? null : deadline.at(),
            now);
    List<ChunkRow> planned = plan(id, request, now);
    try {
      exports.insert(row, planned);
    } catch (DuplicateExportException e) {
      // Started concurrently by another caller: that one is this export.
      return resume(exports.findByRequestKey(key).orElseThrow(() -> e), request);
    }
    log.info(
        "export {}: {} {} in {} chunks -> {}",
        id,
        request.kind().cliName(),
        request.interval().toWireString(),
        planned.size(),
        request.output());
    wakeWorkers.run();
    // Nothing ran yet: the status is known without reading back what was just stored.
    return catalog.statusOf(row, new ExportProgress(planned.size(), 0, 0, 0, 0, 0, null), now);
  }

  /**
   * Refuses to plan an interval that ends after Genesys' data availability, unless the request
   * allows an incomplete export. Only when planning: a retried submit of an export already planned
   * asks Genesys nothing.
   */
  private void requireAvailable(ExportRequest request) {
    if (request.allowIncomplete()) {
      return;
    }
    Instant end = request.interval().end();
    Optional<Instant> available = availability.of(request.kind());
    if (available.isPresent() && end.isAfter(available.get())) {
      throw new IntervalPastAvailability(end, available.get());
    }
  }

  private static List<ChunkRow> plan(String exportId, ExportRequest request, Instant now) {
    List<ChunkRow> planned = new ArrayList<>();
    for (ChunkSpec c : ExportPlan.of(request).chunks()) {
      planned.add(ChunkRow.planned(exportId, c.seq(), c.start(), c.end(), now));
    }
    return planned;
  }

  /**
   * Running the same export again goes on where it stopped: a failed or cancelled export runs again
   * (its failed and cancelled chunks from the start, the others from their checkpoints, all due
   * now). A done export whose output is gone (deleted, or written to stdout) runs again from a new
   * plan. Steps held by a dead process on this host are taken over when the workers start.
   */
  private ExportStatus resume(ExportRow row, ExportRequest request) {
    Instant now = clock.instant();
    if (row.state() == ExportState.DONE) {
      if (!request.output().isStream() && Files.exists(request.output().file())) {
        return catalog.statusOf(row);
      }
      requireAvailable(request);
      chunks.replan(row.id(), plan(row.id(), request, now));
    }
    if (row.state() != ExportState.RUNNING) {
      // Its chunks may run again: an output built from their earlier parts would be stale.
      outputs.discard(row.id());
    }
    for (ChunkRow c : chunks.findByExport(row.id())) {
      try {
        if (c.state() == ChunkState.FAILED || c.state() == ChunkState.CANCELLED) {
          chunks.save(restarted(c), now);
        }
      } catch (ChunkConflictException e) {
        log.debug("export {} chunk {} changed while resuming", row.id(), c.seq());
      }
    }
    String requestJson = StoredRequest.write(request);
    Instant deadlineAt = deadlineOnResume(row, request, now);
    // This run's page size, concurrency and timeout apply from now on. A retried submit of a
    // running export that changes none of them writes nothing: it is a status check.
    if (row.state() != ExportState.RUNNING
        || !row.requestJson().equals(requestJson)
        || !Objects.equals(row.deadlineAt(), deadlineAt)) {
      exports.updateRun(row.id(), requestJson, deadlineAt, now);
    }
    if (row.state() != ExportState.RUNNING) {
      exports.updateState(row.id(), row.state(), ExportState.RUNNING, null, now);
      // Only now: a step that ran before would find the export stopped and end its chunk's steps.
      chunks.dueNow(row.id(), now);
      log.info("export {}: resuming after it ended {}", row.id(), row.state());
    } else {
      chunks.scheduleMissing(row.id(), now);
    }
    // Every chunk may be done already (killed, or the output failed, before the parts were
    // joined): no step is left to join them, so join them now.
    completion.completeIfDone(row, request);
    wakeWorkers.run();
    return catalog.find(row.id()).orElseThrow();
  }

  /**
   * A running export submitted again with the same timeout keeps its deadline (a retried submit
   * must not push it back); one run again, or with another timeout, gets a new one from now.
   */
  private Instant deadlineOnResume(ExportRow row, ExportRequest request, Instant now) {
    if (row.state() == ExportState.RUNNING
        && Objects.equals(catalog.requestOf(row).timeout(), request.timeout())) {
      return row.deadlineAt();
    }
    Deadline deadline = Deadline.after(now, request.timeout());
    return deadline.isNone() ? null : deadline.at();
  }

  private static ChunkRow restarted(ChunkRow c) {
    return c.after(Event.RESTARTED)
        .withJob(c.job().cleared())
        .withCheckpoint(ChunkRow.Checkpoint.START)
        .withErrorMessage(null);
  }

  @Override
  public Optional<ExportStatus> cancel(String exportId) {
    Optional<ExportRow> row = exports.findById(exportId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<ChunkRow> before = chunks.findByExport(exportId);
    if (exports.cancel(exportId, clock.instant())) {
      log.info("export {}: cancelled", exportId);
      hints.forget(exportId);
      outputs.discard(exportId);
      ExportKind kind = catalog.requestOf(row.get()).kind();
      for (ChunkRow c : before) {
        if (c.job().id() != null && !c.state().isTerminal()) {
          cancellations.execute(() -> cancelJob(kind, c.job().id()));
        }
      }
    }
    return catalog.find(exportId);
  }

  private void cancelJob(ExportKind kind, String jobId) {
    try {
      canceller.cancel(kind, jobId);
    } catch (GenesysException e) {
      // It may have finished or expired meanwhile; nothing else depends on it.
      log.debug("cancel of job {} failed: {}", jobId, e.getMessage());
    }
  }

  @Override
  public Optional<Instant> dataAvailability(ExportKind kind) {
    return availability.of(kind);
  }

  @Override
  public Optional<ExportStatus> find(String exportId) {
    return catalog.find(exportId);
  }

  @Override
  public ExportListing list(ExportStatus.State state, int limit, String cursor) {
    return catalog.list(state, limit, cursor);
  }

  @Override
  public Optional<Path> output(String exportId) {
    return catalog.output(exportId);
  }

  @Override
  public List<SavedPart> savedParts(String exportId) {
    Optional<ExportRow> export = exports.findById(exportId);
    if (export.isEmpty() || export.get().state() != ExportState.RUNNING) {
      return List.of();
    }
    ExportRequest request = catalog.requestOf(export.get());
    return request.output().isStream() ? List.of() : completion.savedParts(export.get(), request);
  }

  /** Waits until the job cancellations asked for so far are sent. */
  @Override
  public void close() {
    outputs.discardAll();
    cancellations.shutdown();
    try {
      cancellations.awaitTermination(CANCELLATIONS_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
