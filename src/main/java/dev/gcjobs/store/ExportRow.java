package dev.gcjobs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One export as stored: what was asked for and where it stands. Immutable; instants are kept to the
 * millisecond.
 *
 * @param id the export id (at most 40 characters)
 * @param requestKey a hash of the normalized request (at most 64 characters): running the same
 *     export again finds and resumes this row
 * @param idempotencyKey the HTTP client's {@code Idempotency-Key}, or null
 * @param kind what is exported, e.g. {@code conversations} or {@code users}
 * @param requestJson the normalized request, as JSON
 * @param output where the records go: a file path, or {@code -} for stdout
 * @param state where the export stands
 * @param error why it failed, or null
 * @param createdAt when it was first started
 * @param updatedAt when the row last changed
 * @param deadlineAt when it must be finished ({@code --timeout}), or null for no deadline
 * @param finishedAt when it reached a terminal state, or null while running
 */
public record ExportRow(
    String id,
    String requestKey,
    String idempotencyKey,
    String kind,
    String requestJson,
    String output,
    ExportState state,
    ExportError error,
    Instant createdAt,
    Instant updatedAt,
    Instant deadlineAt,
    Instant finishedAt) {

  /** Validates required fields and truncates instants to milliseconds. */
  public ExportRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requestKey, "requestKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requestJson, "requestJson");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (id.length() > 40) {
      throw new IllegalArgumentException("export id is longer than 40 characters: " + id);
    }
    if (requestKey.length() > 64) {
      throw new IllegalArgumentException("request key is longer than 64 characters");
    }
    createdAt = EpochMillis.truncate(createdAt);
    updatedAt = EpochMillis.truncate(updatedAt);
    deadlineAt = EpochMillis.truncate(deadlineAt);
    finishedAt = EpochMillis.truncate(finishedAt);
  }

  /**
   * A new export in state {@link ExportState#RUNNING}, created at {@code now}.
   *
   * @param idempotencyKey may be null
   * @param deadlineAt may be null
   */
  public static ExportRow running(
      String id,
      String requestKey,
      String idempotencyKey,
      String kind,
      String requestJson,
      String output,
      Instant deadlineAt,
      Instant now) {
    return new ExportRow(
        id,
        requestKey,
        idempotencyKey,
        kind,
        requestJson,
        output,
        ExportState.RUNNING,
        null,
        now,
        now,
        deadlineAt,
        null);
  }
}
