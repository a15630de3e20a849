package dev.gcjobs.engine;

import dev.gcjobs.sink.IncrementalOutput;
import dev.gcjobs.sink.OutputTarget;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file outputs this engine builds while their exports run, one per running export, in memory
 * only: after a restart the next chunk to finish starts the export's output anew from its parts.
 */
final class OutputsInProgress {
  private final Map<String, IncrementalOutput> outputs = new ConcurrentHashMap<>();

  /** The export's output, started (empty) if this engine has none. */
  IncrementalOutput of(String exportId, OutputTarget target) {
    return outputs.computeIfAbsent(exportId, id -> IncrementalOutput.of(target, id));
  }

  /** The export's output, if this engine builds one. */
  Optional<IncrementalOutput> find(String exportId) {
    return Optional.ofNullable(outputs.get(exportId));
  }

  /** The export's output is renamed into place, or given up: it is no longer in progress. */
  void finished(String exportId, IncrementalOutput output) {
    outputs.remove(exportId, output);
  }

  /** Deletes the export's partial output: it failed, was cancelled or runs again from scratch. */
  void discard(String exportId) {
    IncrementalOutput output = outputs.remove(exportId);
    if (output != null) {
      output.discard();
    }
  }

  /**
   * Deletes every partial output (the engine closes): the next run rebuilds them from the parts.
   */
  void discardAll() {
    outputs.keySet().forEach(this::discard);
  }
}
