package dev.gcjobs.store;

/** Where an export is in its life. Only {@link #RUNNING} exports have chunks that workers run. */
public enum ExportState {
  /** Chunks are planned or in progress. */
  RUNNING,
  /** Every chunk is done and the output is assembled. */
  DONE,
  /** A chunk failed or the deadline passed; see the export's error. Running it again resumes. */
  FAILED,
  /** Someone cancelled it; its chunks are {@link ChunkState#CANCELLED}. */
  CANCELLED;

  /** Whether the export has stopped (DONE, FAILED or CANCELLED). */
  public boolean isTerminal() {
    return this != RUNNING;
  }
}
