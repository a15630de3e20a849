package dev.gcjobs.engine;

import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.store.ChunkConflictException;
import dev.gcjobs.store.ChunkLifecycle;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ExportError;
import dev.gcjobs.store.ExportRepository;
import dev.gcjobs.store.ExportRow;
import dev.gcjobs.store.ExportState;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends an export as FAILED, with a stable code and a message that says what to do. */
final class ExportFailures {
  private static final Logger log = LoggerFactory.getLogger(ExportFailures.class);

  private final ExportRepository exports;
  private final ChunkRepository chunks;
  private final Clock clock;
  private final JobDurationHints hints;
  private final OutputsInProgress outputs;

  ExportFailures(
      ExportRepository exports,
      ChunkRepository chunks,
      Clock clock,
      JobDurationHints hints,
      OutputsInProgress outputs) {
    this.exports = exports;
    this.chunks = chunks;
    this.clock = clock;
    this.hints = hints;
    this.outputs = outputs;
  }

  /** The chunk cannot go on: it and its export fail. */
  void fail(
      ExportRow export,
      ChunkRow chunk,
      String code,
      String message,
      String genesysMessage,
      GenesysException cause) {
    Instant now = clock.instant();
    try {
      chunks.save(chunk.after(ChunkLifecycle.Event.FAILED).withErrorMessage(message), now);
    } catch (ChunkConflictException e) {
      return; // cancelled or taken over meanwhile: the other party decides
    }
    String contextId = cause == null ? null : cause.contextId();
    end(export, new ExportError(code, message, genesysMessage, contextId), now);
  }

  /**
   * The export's deadline comes before the chunk's next step. The chunk keeps its job and cursor,
   * so running the export again with a later deadline goes on from there.
   *
   * @return what follows: a step now if the export was run again with a later deadline while this
   *     step ran, else none
   */
  ChunkRunner.Next deadline(ExportRow export, ChunkRow chunk) {
    Instant now = clock.instant();
    Instant deadlineAt = exports.findById(export.id()).map(ExportRow::deadlineAt).orElse(null);
    if (deadlineAt == null || deadlineAt.isAfter(now)) {
      // Run again with a later deadline while this step ran on the row it read: go on.
      return ChunkRunner.Next.at(now);
    }
    try {
      chunks.save(chunk.after(ChunkLifecycle.Event.DEADLINE_PASSED), now);
    } catch (ChunkConflictException e) {
      return ChunkRunner.Next.NONE;
    }
    String message =
        "the export did not finish before its deadline "
            + export.deadlineAt()
            + "; run the same export again with a longer timeout to resume where it stopped";
    end(export, new ExportError("deadline_exceeded", message, null, null), now);
    return ChunkRunner.Next.NONE;
  }

  /** The export fails as a whole, for example when its output cannot be written. */
  void failExport(ExportRow export, String code, String message) {
    end(export, new ExportError(code, message, null, null), clock.instant());
  }

  /**
   * The other chunks keep their jobs and cursors: running the export again goes on with them, and
   * jobs nobody reads expire by themselves. Until then their steps are off the schedule. The output
   * built so far goes: a run again rebuilds it from the parts.
   */
  private void end(ExportRow export, ExportError error, Instant now) {
    if (exports.updateState(export.id(), ExportState.RUNNING, ExportState.FAILED, error, now)) {
      log.error("export {} failed ({}): {}", export.id(), error.code(), error.message());
      chunks.parkUnfinished(export.id());
    }
    hints.forget(export.id());
    outputs.discard(export.id());
  }
}
