package dev.gcjobs.store;

import java.time.Instant;

/**
 * How far an export has come, summed over its chunks.
 *
 * @param chunks how many chunks it has
 * @param chunksDone chunks in state DONE
 * @param chunksFailed chunks in state FAILED
 * @param pages result pages written and checkpointed
 * @param records records written and checkpointed
 * @param partBytes bytes of part files at their checkpoints
 * @param incompleteFrom the earliest {@code dataAvailabilityDate} a chunk's pages reported that
 *     falls before that chunk's end: the data is complete only up to it; null when no chunk read so
 *     far is short of its end
 */
public record ExportProgress(
    int chunks,
    int chunksDone,
    int chunksFailed,
    long pages,
    long records,
    long partBytes,
    Instant incompleteFrom) {
  /** The progress of an export without chunks. */
  public static final ExportProgress NONE = new ExportProgress(0, 0, 0, 0, 0, 0, null);

  /** Whether every chunk is done (false for an export without chunks). */
  public boolean allDone() {
    return chunks > 0 && chunksDone == chunks;
  }
}
