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
    Instant nextCheckAt) {

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
}
