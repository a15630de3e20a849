package dev.gcjobs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One sync as stored: a series of exports of one kind into one table destination.
 *
 * @param id the sync's id (at most 64 characters)
 * @param destination the destination as its owner names it (a configured name or a path)
 * @param kind what is synced, e.g. {@code conversations}
 * @param definitionJson the rest of the definition (query, since, settle window, cadences), as JSON
 * @param paused whether cycles are held back
 * @param watermark up to when the destination equals Genesys, or null before the first cycle ends
 * @param lastReconcileAt when the last reconcile cycle started, or null
 * @param createdAt when it was defined
 * @param updatedAt when the row last changed
 */
public record SyncRow(
    String id,
    String destination,
    String kind,
    String definitionJson,
    boolean paused,
    Instant watermark,
    Instant lastReconcileAt,
    Instant createdAt,
    Instant updatedAt) {

  /** Validates required fields and truncates instants to milliseconds. */
  public SyncRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(definitionJson, "definitionJson");
    watermark = EpochMillis.truncate(watermark);
    lastReconcileAt = EpochMillis.truncate(lastReconcileAt);
    createdAt = EpochMillis.truncate(Objects.requireNonNull(createdAt, "createdAt"));
    updatedAt = EpochMillis.truncate(Objects.requireNonNull(updatedAt, "updatedAt"));
  }
}
