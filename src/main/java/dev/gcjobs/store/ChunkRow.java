package dev.gcjobs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One chunk of an export as stored: a sub-interval, where it is in the lifecycle, its Genesys job,
 * how far its results are read, and when its next step runs. Immutable: the engine changes the
 * state only through {@link #after} (the {@link ChunkLifecycle} table) and the groups with one
 * {@code with} each, and stores the copy with {@link ChunkRepository#save}; the schedule is
 * db-scheduler's ({@link ChunkSteps}), read along. Instants are kept to the millisecond.
 *
 * @param exportId the export this chunk belongs to
 * @param seq the chunk's position in the export, from 0; parts are joined in this order
 * @param intervalStart start of the sub-interval (inclusive)
 * @param intervalEnd end of the sub-interval (exclusive)
 * @param state where the chunk is in the job lifecycle
 * @param job its Genesys job
 * @param checkpoint how far its results are written
 * @param schedule when its next step is due, and who runs it
 * @param errorMessage why the chunk failed, or why its last step will be tried again; or null
 * @param version incremented by every write; stale writes fail with {@link ChunkConflictException}
 * @param updatedAt when the row last changed
 */
public record ChunkRow(
    String exportId,
    int seq,
    Instant intervalStart,
    Instant intervalEnd,
    ChunkState state,
    Job job,
    Checkpoint checkpoint,
    Schedule schedule,
    String errorMessage,
    long version,
    Instant updatedAt) {

  /** Validates required fields and ranges and truncates instants to milliseconds. */
  public ChunkRow {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(schedule, "schedule");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }
    intervalStart = EpochMillis.truncate(Objects.requireNonNull(intervalStart, "intervalStart"));
    intervalEnd = EpochMillis.truncate(Objects.requireNonNull(intervalEnd, "intervalEnd"));
    if (!intervalStart.isBefore(intervalEnd)) {
      throw new IllegalArgumentException(
          "chunk interval is empty or reversed: " + intervalStart + "/" + intervalEnd);
    }
    updatedAt = EpochMillis.truncate(Objects.requireNonNull(updatedAt, "updatedAt"));
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
        Job.NONE,
        Checkpoint.START,
        Schedule.due(now),
        null,
        0,
        now);
  }

  /**
   * A copy in the state {@code event} leads to.
   *
   * @throws ChunkLifecycle.IllegalChunkMove when the lifecycle has no such move from this state
   */
  public ChunkRow after(ChunkLifecycle.Event event) {
    ChunkState next = ChunkLifecycle.next(this, event);
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        next,
        job,
        checkpoint,
        schedule,
        errorMessage,
        version,
        updatedAt);
  }

  /** A copy with {@code job}. */
  public ChunkRow withJob(Job job) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        job,
        checkpoint,
        schedule,
        errorMessage,
        version,
        updatedAt);
  }

  /**
   * A copy with {@code checkpoint}. Save it only after the part file is durable at {@link
   * Checkpoint#partBytes()}.
   */
  public ChunkRow withCheckpoint(Checkpoint checkpoint) {
    return new ChunkRow(
        exportId,
        seq,
        intervalStart,
        intervalEnd,
        state,
        job,
        checkpoint,
        schedule,
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
        job,
        checkpoint,
        schedule,
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
        job,
        checkpoint,
        schedule,
        errorMessage,
        version,
        updatedAt);
  }

  /**
   * The chunk's Genesys job.
   *
   * @param id the job id, or null before submission
   * @param submittedAt when that job was submitted, or null
   * @param pollAttempts how many times its status was checked
   * @param resubmits how many times a job of this chunk was submitted again (expired or lost)
   * @param refusals how many times Genesys refused this job's results while it said FULFILLED
   */
  public record Job(String id, Instant submittedAt, int pollAttempts, int resubmits, int refusals) {
    /** No job yet. */
    public static final Job NONE = new Job(null, null, 0, 0, 0);

    public Job {
      if (pollAttempts < 0 || resubmits < 0 || refusals < 0) {
        throw new IllegalArgumentException("job counters must be >= 0");
      }
      submittedAt = EpochMillis.truncate(submittedAt);
    }

    /** A new job, submitted at {@code at}, not checked yet. */
    public Job submitted(String jobId, Instant at) {
      return new Job(jobId, at, 0, resubmits, 0);
    }

    /** One more status check. */
    public Job polled() {
      return new Job(id, submittedAt, pollAttempts + 1, resubmits, refusals);
    }

    /** Its results were refused once more. */
    public Job refused() {
      return new Job(id, submittedAt, pollAttempts, resubmits, refusals + 1);
    }

    /** Its job expired or vanished: none now, and one more resubmit counted. */
    public Job lost() {
      return new Job(null, null, 0, resubmits + 1, 0);
    }

    /** The chunk starts over: no job, the resubmits so far kept. */
    public Job cleared() {
      return new Job(null, null, 0, resubmits, 0);
    }
  }

  /**
   * How far the chunk's results are written.
   *
   * @param cursor the Genesys cursor of the next page to read, or null for the first page
   * @param pages result pages written and checkpointed
   * @param records records written and checkpointed
   * @param partBytes the part file's byte length at the checkpoint
   * @param dataAvailability the {@code dataAvailabilityDate} of the last page read, or null before
   *     the first (or when Genesys sent none): the data is complete only up to it
   */
  public record Checkpoint(
      String cursor, long pages, long records, long partBytes, Instant dataAvailability) {
    /** Nothing read yet. */
    public static final Checkpoint START = new Checkpoint(null, 0, 0, 0, null);

    public Checkpoint {
      if (pages < 0 || records < 0 || partBytes < 0) {
        throw new IllegalArgumentException("checkpoint counters must be >= 0");
      }
      dataAvailability = EpochMillis.truncate(dataAvailability);
    }

    /**
     * After one more page: its next cursor (null when none is left), the part's totals, and the
     * page's {@code dataAvailabilityDate} (null keeps the one seen before).
     */
    public Checkpoint nextPage(
        String nextCursor, long totalRecords, long totalPartBytes, Instant availability) {
      return new Checkpoint(
          nextCursor,
          pages + 1,
          totalRecords,
          totalPartBytes,
          availability == null ? dataAvailability : availability);
    }
  }

  /**
   * The chunk's execution in db-scheduler's table.
   *
   * @param nextRunAt when the next step is due; null when none is scheduled (the chunk finished, or
   *     its export stopped)
   * @param runningOn the scheduler (host/pid) running the step now, or null
   * @param heldUntil when that scheduler's hold counts as dead unless it beats again, or null
   */
  public record Schedule(Instant nextRunAt, String runningOn, Instant heldUntil) {
    public Schedule {
      nextRunAt = EpochMillis.truncate(nextRunAt);
      heldUntil = EpochMillis.truncate(heldUntil);
    }

    /** Due at {@code at}, run by nobody. */
    public static Schedule due(Instant at) {
      return new Schedule(Objects.requireNonNull(at, "at"), null, null);
    }

    /** Whether a step of the chunk runs now. */
    public boolean isRunning() {
      return runningOn != null;
    }

    /** Whether the step is scheduled after {@code at} and nobody runs it yet. */
    public boolean waitsPast(Instant at) {
      return nextRunAt != null && runningOn == null && nextRunAt.isAfter(at);
    }
  }
}
