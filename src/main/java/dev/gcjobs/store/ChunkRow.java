package dev.gcjobs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One chunk of an export as stored: a sub-interval, its Genesys job and how far its results are
 * read. Immutable: the engine changes a chunk with the {@code with...} methods and stores the copy
 * with {@link ChunkRepository#save} or {@link ChunkRepository#release}. The lease and version
 * fields are managed by the repository. Instants are kept to the millisecond.
 *
 * @param exportId the export this chunk belongs to
 * @param seq the chunk's position in the export, from 0; parts are joined in this order
 * @param intervalStart start of the sub-interval (inclusive)
 * @param intervalEnd end of the sub-interval (exclusive)
 * @param state where the chunk is in the job lifecycle
 * @param jobId the Genesys job id, or null before submission
 * @param jobSubmittedAt when that job was submitted, or null
 * @param pollAttempts how many times the current job's status was checked
 * @param cursor the Genesys cursor of the next page to read, or null for the first page
 * @param pages result pages written and checkpointed
 * @param records records written and checkpointed
 * @param partBytes the part file's byte length at the last checkpoint
 * @param resubmits how many times the job was submitted again (expired or lost)
 * @param nextRunAt when the next step is due
 * @param leaseOwner the worker that holds the chunk, or null
 * @param leaseUntil when that worker's lease ends, or null
 * @param errorMessage why the chunk failed, or null
 * @param version incremented by every write; stale writes fail with {@link ChunkConflictException}
 * @param updatedAt when the row last changed
 */
public record ChunkRow(
    String exportId,
    int seq,
    Instant intervalStart,
    Instant intervalEnd,
    ChunkState state,
    String jobId,
    Instant jobSubmittedAt,
    int pollAttempts,
    String cursor,
    long pages,
    long records,
    long partBytes,
    int resubmits,
    Instant nextRunAt,
    String leaseOwner,
    Instant leaseUntil,
    String errorMessage,
    long version,
    Instant updatedAt) {

  /** Validates required fields and ranges and truncates instants to milliseconds. */
  public ChunkRow {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(intervalStart, "intervalStart");
    Objects.requireNonNull(intervalEnd, "intervalEnd");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextRunAt, "nextRunAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }
    intervalStart = EpochMillis.truncate(intervalStart);
    intervalEnd = EpochMillis.truncate(intervalEnd);
    if (!intervalStart.isBefore(intervalEnd)) {
      throw new IllegalArgumentException(
          "chunk interval is empty or reversed: " + intervalStart + "/" + intervalEnd);
    }
    if (pollAttempts < 0 || pages < 0 || records < 0 || partBytes < 0 || resubmits < 0) {
      throw new IllegalArgumentException("chunk counters must be >= 0");
    }
    jobSubmittedAt = EpochMillis.truncate(jobSubmittedAt);
    nextRunAt = EpochMillis.truncate(nextRunAt);
    leaseUntil = EpochMillis.truncate(leaseUntil);
    updatedAt = EpochMillis.truncate(updatedAt);
  }

  /** A new chunk in state {@link ChunkState#PLANNED}, due at {@code now}. */
  public static ChunkRow planned(
      String exportId, int seq, Instant intervalStart, Instant intervalEnd, Instant now) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        ChunkState.PLANNED,
        null,
        null,
        0,
        null,
        0,
        0,
        0,
        0,
        now,
        null,
        null,
        null,
        0,
        now);
  }

  /** A copy in {@code state}. */
  public ChunkRow withState(ChunkState state) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /**
   * A copy with a (new) job: sets the job id and submission time and resets {@link #pollAttempts}.
   * The cursor is kept: after a resubmit the engine decides what to skip.
   */
  public ChunkRow withJob(String jobId, Instant submittedAt) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        submittedAt,
        0,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /** A copy with {@code pollAttempts}. */
  public ChunkRow withPollAttempts(int pollAttempts) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /**
   * A copy with a new checkpoint: the cursor of the next page (null when none is left) and the
   * totals after the pages written so far. Save it only after the part file is durable at {@code
   * partBytes}.
   */
  public ChunkRow withCheckpoint(String cursor, long pages, long records, long partBytes) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /** A copy with {@code resubmits}. */
  public ChunkRow withResubmits(int resubmits) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /** A copy whose next step is due at {@code nextRunAt}. */
  public ChunkRow withNextRunAt(Instant nextRunAt) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /** A copy with {@code errorMessage} (null clears it). */
  public ChunkRow withErrorMessage(String errorMessage) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /**
   * A copy held by {@code owner} until {@code until}; both null release it. Workers that run long
   * steps extend their lease with this and {@link ChunkRepository#save}.
   */
  public ChunkRow withLease(String owner, Instant until) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        owner,
        until,
        errorMessage,
        version,
        updatedAt);
  }

  /** The copy the repository returns after a write: the stored version and update time. */
  ChunkRow stored(long version, Instant updatedAt) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        jobId,
        jobSubmittedAt,
        pollAttempts,
        cursor,
        pages,
        records,
        partBytes,
        resubmits,
        nextRunAt,
        leaseOwner,
        leaseUntil,
        errorMessage,
        version,
        updatedAt);
  }

  /** Whether {@code owner} holds an unexpired lease on this chunk at {@code now}. */
  public boolean isLeasedBy(String owner, Instant now) {
    return owner.equals(leaseOwner) && leaseUntil != null && leaseUntil.isAfter(now);
  }
}
