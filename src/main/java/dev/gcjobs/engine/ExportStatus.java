package dev.gcjobs.engine;

import java.time.Instant;

/**
 * A snapshot of one export.
 *
 * @param id the export id
 * @param kind conversations or users
 * @param interval the export interval
 * @param state RUNNING until DONE, FAILED or CANCELLED
 * @param progress chunks, pages and records so far
 * @param failure why it FAILED, or null
 * @param createdAt when it was submitted
 * @param updatedAt when it last changed
 * @param finishedAt when it ended, or null while running
 * @param nextCheckAt when its next step is due, or null when none is scheduled
 * @param completeness whether the data read so far is complete, and up to when
 */
public record ExportStatus(
    String id,
    ExportKind kind,
    ExportInterval interval,
    State state,
    Progress progress,
    Failure failure,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    Instant nextCheckAt,
    Completeness completeness) {

  /** The states of an export; all but RUNNING are final. */
  public enum State {
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
      return this != RUNNING;
    }
  }

  /** How far an export has come. */
  public record Progress(int chunksTotal, int chunksDone, long pages, long records) {}

  /**
   * Why an export failed.
   *
   * @param code a stable code: {@code job_failed}, {@code job_cancelled}, {@code
   *     deadline_exceeded}, {@code authentication}, {@code genesys_error}, {@code output_error}
   * @param message what happened and what to do, for people
   * @param genesysMessage Genesys' own errorMessage or error message, or null
   * @param contextId Genesys' contextId (correlation id) of the failing call, or null
   */
  public record Failure(String code, String message, String genesysMessage, String contextId) {}

  /**
   * Whether the export's data is complete: Genesys' data lake is complete only up to its {@code
   * dataAvailabilityDate}, and a job whose interval reaches past it returns less, with no error.
   *
   * @param complete whether every page read so far came from data complete up to its chunk's end
   * @param completeUntil the instant up to which the data read is complete: the interval's end when
   *     complete, else the earliest availability a chunk short of its end reported
   */
  public record Completeness(boolean complete, Instant completeUntil) {
    /** Complete over the whole {@code interval}. */
    public static Completeness whole(ExportInterval interval) {
      return new Completeness(true, interval.end());
    }

    /**
     * The completeness of data over {@code interval} whose chunks reported the earliest short
     * availability {@code incompleteFrom} (null when none fell short of its chunk's end).
     */
    public static Completeness of(ExportInterval interval, Instant incompleteFrom) {
      if (incompleteFrom == null) {
        return whole(interval);
      }
      return new Completeness(
          false, incompleteFrom.isBefore(interval.start()) ? interval.start() : incompleteFrom);
    }
  }
}
