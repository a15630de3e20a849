package dev.gcjobs.engine;

import dev.gcjobs.sink.ExportLabel;
import dev.gcjobs.sink.IncrementalOutput;
import dev.gcjobs.sink.OutputAssembler;
import dev.gcjobs.sink.OutputTarget;
import dev.gcjobs.sink.PartCheckpoint;
import dev.gcjobs.sink.PartDirectory;
import dev.gcjobs.sink.PartFile;
import dev.gcjobs.sink.SavedPart;
import dev.gcjobs.sink.SinkException;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import dev.gcjobs.store.ExportProgress;
import dev.gcjobs.store.ExportRepository;
import dev.gcjobs.store.ExportRow;
import dev.gcjobs.store.ExportState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an export's output from its chunks' part files: appends the parts of done chunks as they
 * finish, and once every chunk is done, puts the output in place and ends the export DONE.
 */
final class OutputCompletion {
  private static final Logger log = LoggerFactory.getLogger(OutputCompletion.class);

  private final ExportRepository exports;
  private final ChunkRepository chunks;
  private final Path stateDir;
  private final Clock clock;
  private final OutputsInProgress outputs;
  private final ExportFailures failures;
  private final JobDurationHints hints;

  OutputCompletion(
      ExportRepository exports,
      ChunkRepository chunks,
      Path stateDir,
      Clock clock,
      OutputsInProgress outputs,
      ExportFailures failures,
      JobDurationHints hints) {
    this.exports = exports;
    this.chunks = chunks;
    this.stateDir = stateDir;
    this.clock = clock;
    this.outputs = outputs;
    this.failures = failures;
    this.hints = hints;
  }

  /** The part file of chunk {@code seq}: compressed exactly when the output is. */
  static Path partOf(Path stateDir, String exportId, ExportRequest request, int seq) {
    return PartDirectory.of(stateDir, exportId).part(seq, request.output().gzip());
  }

  /** A chunk of the export finished: its part joins the output, and maybe the export is done. */
  void chunkDone(ExportRow export, ExportRequest request) {
    appendDoneParts(export, request);
    completeIfDone(export, request);
  }

  /** The part files of the export's chunks that saved a page or are done, in seq order. */
  List<SavedPart> savedParts(ExportRow export, ExportRequest request) {
    List<SavedPart> saved = new ArrayList<>();
    for (ChunkRow c : chunks.findByExport(export.id())) {
      boolean done = c.state() == ChunkState.DONE;
      if (done || c.checkpoint().partBytes() > 0) {
        saved.add(new SavedPart(partOf(export, request, c), String.valueOf(c.job().id()), done));
      }
    }
    saved.sort(Comparator.comparingInt(part -> part.file().seq()));
    return saved;
  }

  /**
   * Appends the parts of the done chunks that follow, without a gap, those already in the export's
   * output file, so that the last chunk leaves only its own part to join. Outside the completion
   * lock: the output serializes its own calls.
   */
  private void appendDoneParts(ExportRow export, ExportRequest request) {
    OutputTarget target = request.output();
    if (target.isStream()) {
      return; // stdout gets the records only once the export is done
    }
    try {
      List<PartFile> done = new ArrayList<>();
      for (SavedPart part : savedParts(export, request)) {
        if (part.done()) {
          done.add(part.file());
        }
      }
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
  synchronized void completeIfDone(ExportRow export, ExportRequest request) {
    ExportProgress progress = exports.progress(export.id());
    if (!progress.allDone()) {
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
    OutputTarget target = request.output();
    try {
      writeOutput(export, request, labelOf(export, request, progress), parts, now);
    } catch (SinkException e) {
      failures.failExport(export, "output_error", e.getMessage());
      return;
    }
    if (!target.isStream()) {
      // A killed process's half-built file has a name of its own: with the output in place, it is
      // litter.
      IncrementalOutput.deleteLeftover(target, export.id());
    }
    if (exports.updateState(export.id(), ExportState.RUNNING, ExportState.DONE, null, now)) {
      log.info("export {}: done -> {}", export.id(), target);
      hints.forget(export.id());
      if (!target.isStream()) {
        PartDirectory.of(stateDir, export.id()).delete();
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
      ExportLabel label,
      List<PartFile> parts,
      Instant now) {
    OutputTarget target = request.output();
    Optional<IncrementalOutput> built =
        target.isStream() ? Optional.empty() : outputs.find(export.id());
    if (built.isPresent()) {
      try {
        if (built.get().finish(label, parts, now).isPresent()) {
          return;
        }
      } finally {
        outputs.finished(export.id(), built.get());
      }
    }
    OutputAssembler.assemble(target, label, parts, now);
  }

  private static ExportLabel labelOf(
      ExportRow export, ExportRequest request, ExportProgress progress) {
    ExportInterval interval = request.interval();
    return new ExportLabel(
        export.id(),
        request.kind().cliName(),
        interval.start(),
        interval.end(),
        ExportStatus.Completeness.of(interval, progress.incompleteFrom()).completeUntil());
  }

  private PartFile partOf(ExportRow export, ExportRequest request, ChunkRow c) {
    return new PartFile(
        c.seq(),
        c.intervalStart(),
        c.intervalEnd(),
        partOf(stateDir, export.id(), request, c.seq()),
        new PartCheckpoint(c.checkpoint().partBytes(), c.checkpoint().records()));
  }
}
