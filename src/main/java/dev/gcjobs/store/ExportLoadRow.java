package dev.gcjobs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An export of the service that ends in a named table destination, and how its load went.
 *
 * @param exportId the export
 * @param destination the destination's configured name
 * @param state PENDING until loaded (or given up), then DONE or FAILED
 * @param counts what the load did; null unless DONE
 * @param error why it failed (FAILED), or why its last try did (PENDING); else null
 * @param createdAt when it was asked for
 * @param updatedAt when the row last changed
 * @param finishedAt when it became DONE or FAILED, else null
 */
public record ExportLoadRow(
    String exportId,
    String destination,
    State state,
    Counts counts,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {

  /** Where a load is. */
  public enum State {
    PENDING,
    DONE,
    FAILED
  }

  /** Records new to the tables, whose rows were replaced, and already there unchanged. */
  public record Counts(long inserted, long changed, long unchanged) {}

  /** Validates required fields and truncates instants to milliseconds. */
  public ExportLoadRow {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(state, "state");
    createdAt = EpochMillis.truncate(Objects.requireNonNull(createdAt, "createdAt"));
    updatedAt = EpochMillis.truncate(Objects.requireNonNull(updatedAt, "updatedAt"));
    finishedAt = EpochMillis.truncate(finishedAt);
  }
}
