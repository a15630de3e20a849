package dev.gcjobs.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a chunk is in the Genesys job lifecycle: {@code PLANNED → SUBMITTED → POLLING → FETCHING →
 * DONE}, or FAILED / CANCELLED.
 */
public enum ChunkState {
  /** Not submitted yet. */
  PLANNED,
  /** A job was submitted; its id is in {@link ChunkRow#jobId()}. */
  SUBMITTED,
  /** Waiting for the job to finish; {@link ChunkRow#pollAttempts()} counts the checks. */
  POLLING,
  /** Reading result pages; {@link ChunkRow#cursor()} says where to continue. */
  FETCHING,
  /** Every page is written and checkpointed. */
  DONE,
  /** The job failed; {@link ChunkRow#errorMessage()} says why. */
  FAILED,
  /** The export was cancelled. */
  CANCELLED;

  /** The states a chunk still has steps in. */
  public static final Set<ChunkState> ACTIVE = EnumSet.of(PLANNED, SUBMITTED, POLLING, FETCHING);

  /** Whether the chunk has stopped (DONE, FAILED or CANCELLED). */
  public boolean isTerminal() {
    return !ACTIVE.contains(this);
  }
}
