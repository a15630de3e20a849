package dev.gcjobs.store;

/**
 * How far an export has come, summed over its chunks.
 *
 * @param chunks how many chunks it has
 * @param chunksDone chunks in state DONE
 * @param chunksFailed chunks in state FAILED
 * @param pages result pages written and checkpointed
 * @param records records written and checkpointed
 * @param partBytes bytes of part files at their checkpoints
 */
public record ExportProgress(
    int chunks, int chunksDone, int chunksFailed, long pages, long records, long partBytes) {
  /** The progress of an export without chunks. */
  public static final ExportProgress NONE = new ExportProgress(0, 0, 0, 0, 0, 0);

  /** Whether every chunk is done (false for an export without chunks). */
  public boolean allDone() {
    return chunks > 0 && chunksDone == chunks;
  }
}
