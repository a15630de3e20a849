package dev.gcjobs.engine;

import dev.gcjobs.store.ChunkConflictException;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkSteps;
import dev.gcjobs.store.ExportRepository;
import dev.gcjobs.store.ExportRow;
import dev.gcjobs.store.ExportState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs a chunk's due step: db-scheduler's threads ({@link ChunkSteps}) hand it a chunk, it
 * reads the chunk and its export, runs the step ({@link ChunkRunner}), hands a done chunk to the
 * output, and says when the next step is due. Steps can also run one at a time on the caller's
 * thread (tests tick a clock instead of sleeping). Thread-safe.
 */
final class Workers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  private final ExportRepository exports;
  private final ChunkRepository chunks;
  private final ChunkSteps steps;
  private final ExportCatalog catalog;
  private final ChunkRunner runner;
  private final OutputCompletion completion;
  private final Clock clock;

  Workers(
      ExportRepository exports,
      ChunkRepository chunks,
      ChunkSteps steps,
      ExportCatalog catalog,
      ChunkRunner runner,
      OutputCompletion completion,
      Clock clock) {
    this.exports = exports;
    this.chunks = chunks;
    this.steps = steps;
    this.catalog = catalog;
    this.runner = runner;
    this.completion = completion;
    this.clock = clock;
  }

  /** Starts running due steps, of every export or of {@code exportId}'s chunks only. */
  void start(String exportId) {
    steps.start(this::step, exportId);
  }

  /** Runs one due step on the calling thread; whether one ran. */
  boolean runOneDueStep() {
    return steps.runOneDue(this::step);
  }

  /** Stops after the running steps; the chunks stay scheduled in the store. */
  @Override
  public void close() {
    steps.close();
  }

  /** The step chunk {@code seq} of {@code exportId} is due for; when its next one is. */
  private Optional<Instant> step(String exportId, int seq) {
    Optional<ExportRow> export = exports.findById(exportId);
    Optional<ChunkRow> chunk = chunks.find(exportId, seq);
    if (!isLive(export, chunk)) {
      return Optional.empty();
    }
    ExportRequest request = catalog.requestOf(export.get());
    try {
      ChunkRunner.Next next = runner.step(export.get(), request, chunk.get());
      if (next.chunkDone()) {
        completion.chunkDone(export.get(), request);
      }
      return Optional.ofNullable(next.at());
    } catch (ChunkConflictException e) {
      // Cancelled, run again or taken over while this step ran: the other party's write stands,
      // and the chunk's row says whether a step is left.
      log.debug("export {} chunk {}: {}", exportId, seq, e.getMessage());
      return isLive(exports.findById(exportId), chunks.find(exportId, seq))
          ? Optional.of(clock.instant())
          : Optional.empty();
    }
  }

  /** Whether the chunk has steps left: unfinished, of a running export. */
  private static boolean isLive(Optional<ExportRow> export, Optional<ChunkRow> chunk) {
    return export.isPresent()
        && export.get().state() == ExportState.RUNNING
        && chunk.isPresent()
        && !chunk.get().state().isTerminal();
  }
}
