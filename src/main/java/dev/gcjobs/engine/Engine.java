package dev.gcjobs.engine;

import dev.gcjobs.genesys.AnalyticsJobsApi;
import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.sink.IncrementalOutput;
import dev.gcjobs.sink.OutputAssembler;
import dev.gcjobs.sink.OutputTarget;
import dev.gcjobs.sink.PartCheckpoint;
import dev.gcjobs.sink.PartDirectory;
import dev.gcjobs.sink.PartFile;
import dev.gcjobs.sink.SinkException;
import dev.gcjobs.store.ChunkConflictException;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import dev.gcjobs.store.Database;
import dev.gcjobs.store.DuplicateExportException;
import dev.gcjobs.store.ExportCursor;
import dev.gcjobs.store.ExportPage;
import dev.gcjobs.store.ExportProgress;
import dev.gcjobs.store.ExportRepository;
import dev.gcjobs.store.ExportRow;
import dev.gcjobs.store.ExportState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export engine: plans exports into chunks, and runs the chunks' steps on worker threads that
 * claim due chunks from the store. All state is in the store, so several engines (processes or
 * nodes) may share one database, and a killed one's exports go on in the next.
 *
 * <p>Start the workers with {@link #start()}, or drive steps one at a time with {@link
 * #runDueSteps()} (tests, with a settable clock). Thread-safe.
 */
public final class Engine implements ExportService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  /** The longest an idle worker waits before looking for due steps again. */
  private static final Duration MAX_IDLE = Duration.ofSeconds(1);

  /** Listings return at most this many exports per page. */
  private static final int MAX_LIST_LIMIT = 500;

  private final ExportRepository exports;
  private final ChunkRepository chunks;
  private final AnalyticsJobsApi api;
  private final String source;
  private final EngineSettings settings;
  private final Clock clock;
  private final ExportFailures failures;
  private final ChunkRunner runner;
  private final JobDurationHints hints;
  private final OutputsInProgress outputs = new OutputsInProgress();

  /** How many parsed requests {@link #requestOf} keeps: the exports being worked on, and more. */
  private static final int PARSED_REQUESTS_KEPT = 1024;

  /**
   * Parsed requests by their stored JSON, the most recently used: steps and status checks read the
   * export row anew each time. Bounded, for a service that sees new exports for months.
   */
  private final Map<String, ExportRequest> requests =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ExportRequest> eldest) {
              return size() > PARSED_REQUESTS_KEPT;
            }
          });

  private final ExecutorService cancellations = Executors.newSingleThreadExecutor();
  private final List<Thread> workers = new ArrayList<>();
  private final Object wake = new Object();
  private volatile boolean closed;

  /**
   * @param api the Genesys API the steps call, or null for an engine that only lists, finds and
   *     cancels exports in the store (no credentials needed): it runs no steps, and its {@link
   *     #cancel} leaves the Genesys jobs to expire by themselves
   * @param source names the Genesys org the api reads (API host and OAuth client id, or the
   *     emulator's data settings): the same request against another org is another export
   */
  public Engine(
      Database db, AnalyticsJobsApi api, String source, EngineSettings settings, Clock clock) {
    this.exports = db.exports();
    this.chunks = db.chunks();
    this.api = api;
    this.source = source;
    this.settings = settings;
    this.clock = clock;
    this.hints = new JobDurationHints(settings.pollSchedule().maxDelay());
    this.failures = new ExportFailures(exports, chunks, clock, hints, outputs);
    this.runner =
        new ChunkRunner(
            chunks, api, settings, clock, RandomGenerator.getDefault(), failures, hints);
  }

  /**
   * Starts {@link EngineSettings#workers()} worker threads for every export in the store.
   *
   * @throws IllegalStateException when the engine was built without a Genesys API
   */
  public void start() {
    startWorkers(null);
  }

  /**
   * Starts worker threads that run only {@code exportId}'s chunks: for a process that runs its own
   * export (the CLI) and leaves others in the same store alone.
   *
   * @throws IllegalStateException when the engine was built without a Genesys API
   */
  public void startFor(String exportId) {
    startWorkers(exportId);
  }

  private synchronized void startWorkers(String exportId) {
    requireApi();
    for (int i = 0; i < settings.workers(); i++) {
      String owner = LeaseOwner.of("worker-" + i);
      Thread t = new Thread(() -> work(owner, exportId), "gcjobs-worker-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /**
   * Runs due steps on the calling thread until none is due.
   *
   * @return how many steps ran
   * @throws IllegalStateException when the engine was built without a Genesys API
   */
  public int runDueSteps() {
    int steps = 0;
    while (runOneDueStep()) {
      steps++;
    }
    return steps;
  }

  /**
   * Runs one due step, if any, on the calling thread.
   *
   * @return whether a step ran
   * @throws IllegalStateException when the engine was built without a Genesys API
   */
  public boolean runOneDueStep() {
    requireApi();
    return runOneStep(LeaseOwner.of(Thread.currentThread().getName()), null);
  }

  @Override
  public ExportStatus submit(ExportRequest request, String idempotencyKey) {
    OutputTarget target;
    try {
      target = OutputTarget.parse(request.output());
      target.validate();
    } catch (SinkException e) {
      throw new InvalidRequest("output", e.getMessage());
    }
    Optional<ExportRow> existing =
        idempotencyKey == null ? Optional.empty() : exports.findByIdempotencyKey(idempotencyKey);
    String key = keyOf(request);
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
            request.output(),
            deadline.isNone() ? null : deadline.at(),
            now);
    List<ChunkRow> planned = new ArrayList<>();
    for (ChunkSpec c : ExportPlan.of(request).chunks()) {
      planned.add(ChunkRow.planned(id, c.seq(), c.start(), c.end(), now));
    }
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
    wakeWorkers();
    // Nothing ran yet: the status is known without reading back what was just stored.
    return statusOf(row, new ExportProgress(planned.size(), 0, 0, 0, 0, 0), now);
  }

  /**
   * Running the same export again goes on where it stopped: a failed or cancelled export runs again
   * (its failed and cancelled chunks from the start, the others from their checkpoints), and chunks
   * held by a dead process on this host are taken over at once. A done export whose output is gone
   * (deleted, or written to stdout) runs again from the start.
   */
  private ExportStatus resume(ExportRow row, ExportRequest request) {
    Instant now = clock.instant();
    boolean again = row.state() == ExportState.DONE;
    if (again && !row.output().equals("-") && Files.exists(Path.of(row.output()))) {
      return statusOf(row);
    }
    if (row.state() != ExportState.RUNNING) {
      // Its chunks may run again: an output built from their earlier parts would be stale.
      outputs.discard(row.id());
    }
    for (ChunkRow c : chunks.findByExport(row.id())) {
      try {
        if (again || c.state() == ChunkState.FAILED || c.state() == ChunkState.CANCELLED) {
          chunks.save(restarted(c, now), now);
        } else if ((!c.state().isTerminal() && row.state() != ExportState.RUNNING)
            || LeaseOwner.isDeadLocal(c.leaseOwner())) {
          // Parked when the export failed, or held by a dead process here: due now.
          chunks.release(c, now, now);
        }
      } catch (ChunkConflictException e) {
        log.debug("export {} chunk {} changed while resuming", row.id(), c.seq());
      }
    }
    Deadline deadline = Deadline.after(now, request.timeout());
    String requestJson = StoredRequest.write(request);
    Instant deadlineAt = deadline.isNone() ? null : deadline.at();
    // This run's page size, concurrency and timeout apply from now on. A retried submit of a
    // running export that changes none of them writes nothing: it is a status check.
    if (row.state() != ExportState.RUNNING
        || !row.requestJson().equals(requestJson)
        || !Objects.equals(row.deadlineAt(), deadlineAt)) {
      exports.updateRun(row.id(), requestJson, deadlineAt, now);
    }
    if (row.state() != ExportState.RUNNING) {
      exports.updateState(row.id(), row.state(), ExportState.RUNNING, null, now);
      log.info("export {}: resuming after it ended {}", row.id(), row.state());
    }
    // Every chunk may be done already (killed, or the output failed, before the parts were
    // joined): no step is left to join them, so join them now.
    completeIfDone(row, request);
    wakeWorkers();
    return find(row.id()).orElseThrow();
  }

  private String keyOf(ExportRequest request) {
    return Sha256.hex(source + "\n" + request.requestKey());
  }

  private static ChunkRow restarted(ChunkRow c, Instant now) {
    return c.withJob(null, null)
        .withCheckpoint(null, 0, 0, 0)
        .withPollAttempts(0)
        .withErrorMessage(null)
        .withLease(null, null)
        .withNextRunAt(now)
        .withState(ChunkState.PLANNED);
  }

  @Override
  public Optional<ExportStatus> find(String exportId) {
    return exports.findById(exportId).map(this::statusOf);
  }

  @Override
  public ExportListing list(ExportStatus.State state, int limit, String cursor) {
    if (limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new InvalidRequest("limit", "limit must lie between 1 and " + MAX_LIST_LIMIT);
    }
    ExportCursor after;
    try {
      after = cursor == null ? null : ExportCursor.parse(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("cursor", e.getMessage());
    }
    Set<ExportState> states = state == null ? Set.of() : Set.of(ExportState.valueOf(state.name()));
    ExportPage page = exports.list(states, limit, after);
    Map<String, ExportProgress> progress =
        exports.progress(page.exports().stream().map(ExportRow::id).toList());
    List<ExportStatus> statuses = new ArrayList<>();
    for (ExportRow row : page.exports()) {
      statuses.add(statusOf(row, progress.getOrDefault(row.id(), ExportProgress.NONE), null));
    }
    return new ExportListing(statuses, page.next().map(ExportCursor::token).orElse(null));
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
      if (api == null) {
        return find(exportId);
      }
      ExportRequest request = requestOf(row.get());
      for (ChunkRow c : before) {
        if (c.jobId() != null && !c.state().isTerminal()) {
          cancellations.execute(() -> cancelJob(request, c));
        }
      }
    }
    return find(exportId);
  }

  private void cancelJob(ExportRequest request, ChunkRow chunk) {
    try {
      api.cancel(request.kind().jobKind(), chunk.jobId());
    } catch (GenesysException e) {
      // It may have finished or expired meanwhile; nothing else depends on it.
      log.debug("cancel of job {} failed: {}", chunk.jobId(), e.getMessage());
    }
  }

  @Override
  public Optional<Path> output(String exportId) {
    return exports
        .findById(exportId)
        .filter(row -> row.state() == ExportState.DONE && !row.output().equals("-"))
        .map(row -> Path.of(row.output()));
  }

  /** Stops the workers after their current step; their chunks stay scheduled in the store. */
  @Override
  public void close() {
    closed = true;
    wakeWorkers();
    for (Thread t : workers) {
      try {
        t.join(settings.lease().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    outputs.discardAll();
    cancellations.shutdown();
    try {
      cancellations.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireApi() {
    if (api == null) {
      throw new IllegalStateException("this engine has no Genesys API; it cannot run steps");
    }
  }

  private void work(String owner, String exportId) {
    while (!closed) {
      try {
        if (runOneStep(owner, exportId)) {
          // The step may have made work due sooner than the idle workers' naps end (a next page
          // due now, a poll in less than MAX_IDLE): let them look again.
          wakeWorkers();
        } else {
          idle(exportId);
        }
      } catch (RuntimeException e) {
        // The store is unreachable or the like: log it and look again later, never spin.
        log.warn("worker {}: {}", owner, e.getMessage());
        idleFor(MAX_IDLE);
      }
    }
  }

  private void idle(String exportId) {
    Instant now = clock.instant();
    Duration wait =
        (exportId == null ? chunks.nextDueAt() : chunks.nextDueAt(exportId))
            .map(due -> Duration.between(now, due))
            .filter(d -> d.compareTo(MAX_IDLE) < 0)
            .orElse(MAX_IDLE);
    idleFor(wait);
  }

  private void idleFor(Duration wait) {
    if (wait.isNegative() || wait.isZero()) {
      return;
    }
    synchronized (wake) {
      if (!closed) {
        try {
          wake.wait(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  private void wakeWorkers() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** Claims and runs one due step, of {@code exportId} only when it is not null. */
  private boolean runOneStep(String owner, String exportId) {
    Instant now = clock.instant();
    Optional<ChunkRow> claimed =
        exportId == null
            ? chunks.claimDue(owner, now, settings.lease())
            : chunks.claimDueIn(exportId, owner, now, settings.lease());
    if (claimed.isEmpty()) {
      return false;
    }
    ChunkRow chunk = claimed.get();
    Optional<ExportRow> export = exports.findById(chunk.exportId());
    if (export.isEmpty()) {
      return true;
    }
    ExportRequest request = requestOf(export.get());
    try {
      if (runner.step(export.get(), request, chunk)) {
        appendDoneParts(export.get(), request);
        completeIfDone(export.get(), request);
      }
    } catch (ChunkConflictException e) {
      // Cancelled or taken over while this step ran: the other party's write stands.
      log.debug("export {} chunk {}: {}", chunk.exportId(), chunk.seq(), e.getMessage());
    }
    return true;
  }

  /**
   * Appends the parts of the done chunks that follow, without a gap, those already in the export's
   * output file, so that the last chunk leaves only its own part to join (joining the 15 parts of
   * the benchmark's 180 MB export at the end took 0.3-0.8 s). Outside the engine's lock: the output
   * serializes its own calls.
   */
  private void appendDoneParts(ExportRow export, ExportRequest request) {
    OutputTarget target = OutputTarget.parse(request.output());
    if (target.isStream()) {
      return; // stdout gets the records only once the export is done
    }
    List<PartFile> done = new ArrayList<>();
    for (ChunkRow c : chunks.findByExport(export.id())) {
      if (c.state() == ChunkState.DONE) {
        done.add(partOf(export, request, c));
      }
    }
    try {
      int appended = outputs.of(export.id(), target).appendReady(done);
      log.debug("export {}: {} more parts in the output file", export.id(), appended);
    } catch (SinkException e) {
      log.warn(
          "export {}: cannot build the output as chunks finish, joining it at the end: {}",
          export.id(),
          e.getMessage());
      outputs.discard(export.id());
    }
    // Cancelled or failed meanwhile (its discard may have come before this append): no litter.
    if (exports.findById(export.id()).map(ExportRow::state).orElse(null) != ExportState.RUNNING) {
      outputs.discard(export.id());
    }
  }

  /**
   * Once every chunk is done, joins the parts into the output and ends the export. Serialized, so
   * the two workers finishing the last two chunks do not assemble at once.
   */
  private synchronized void completeIfDone(ExportRow export, ExportRequest request) {
    if (!exports.progress(export.id()).allDone()) {
      return;
    }
    Optional<ExportRow> current = exports.findById(export.id());
    if (current.isEmpty() || current.get().state() != ExportState.RUNNING) {
      return;
    }
    Instant now = clock.instant();
    List<PartFile> parts = new ArrayList<>();
    for (ChunkRow c : chunks.findByExport(export.id())) {
      parts.add(partOf(export, request, c));
    }
    OutputTarget target = OutputTarget.parse(request.output());
    try {
      writeOutput(export, request, target, parts, now);
    } catch (SinkException e) {
      failures.failExport(export, "output_error", e.getMessage());
      return;
    }
    if (exports.updateState(export.id(), ExportState.RUNNING, ExportState.DONE, null, now)) {
      log.info("export {}: done -> {}", export.id(), request.output());
      hints.forget(export.id());
      if (!target.isStream()) {
        PartDirectory.of(settings.stateDir(), export.id()).delete();
      }
    }
  }

  /**
   * Renames the output built while the export ran into place, or, when there is none or it is not
   * built from these parts (this engine did not see every chunk finish, or a chunk ran again),
   * joins the parts in one go.
   */
  private void writeOutput(
      ExportRow export,
      ExportRequest request,
      OutputTarget target,
      List<PartFile> parts,
      Instant now) {
    String kind = request.kind().cliName();
    Instant start = request.interval().start();
    Instant end = request.interval().end();
    Optional<IncrementalOutput> built =
        target.isStream() ? Optional.empty() : outputs.find(export.id());
    if (built.isPresent()) {
      try {
        if (built.get().finish(export.id(), kind, start, end, parts, now).isPresent()) {
          return;
        }
      } finally {
        outputs.finished(export.id(), built.get());
      }
    } else if (!target.isStream()) {
      IncrementalOutput.deleteLeftover(target, export.id());
    }
    OutputAssembler.assemble(target, export.id(), kind, start, end, parts, now);
  }

  private PartFile partOf(ExportRow export, ExportRequest request, ChunkRow c) {
    return new PartFile(
        c.seq(),
        c.intervalStart(),
        c.intervalEnd(),
        runner.partOf(export, request, c.seq()),
        new PartCheckpoint(c.partBytes(), c.records()));
  }

  private ExportRequest requestOf(ExportRow row) {
    return requests.computeIfAbsent(row.requestJson(), StoredRequest::read);
  }

  private ExportStatus statusOf(ExportRow row) {
    Optional<Instant> next =
        row.state() == ExportState.RUNNING ? chunks.nextDueAt(row.id()) : Optional.empty();
    return statusOf(row, exports.progress(row.id()), next.orElse(null));
  }

  private ExportStatus statusOf(ExportRow row, ExportProgress p, Instant nextCheckAt) {
    ExportRequest request = requestOf(row);
    ExportStatus.Failure failure =
        row.error() == null
            ? null
            : new ExportStatus.Failure(
                row.error().code(),
                row.error().message(),
                row.error().genesysMessage(),
                row.error().contextId());
    return new ExportStatus(
        row.id(),
        request.kind(),
        request.interval(),
        ExportStatus.State.valueOf(row.state().name()),
        new ExportStatus.Progress(p.chunks(), p.chunksDone(), p.pages(), p.records()),
        failure,
        row.createdAt(),
        row.updatedAt(),
        row.finishedAt(),
        nextCheckAt);
  }
}
