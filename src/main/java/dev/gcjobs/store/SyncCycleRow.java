package dev.gcjobs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One cycle of a sync as stored: the window it reads and, once done, what it changed.
 *
 * @param syncId the sync
 * @param seq the cycle's number within its sync, from 1
 * @param state RUNNING, DONE or FAILED
 * @param reconcile whether it re-reads the whole history rather than the new and settle windows
 * @param windowStart the start of the interval it reads
 * @param windowEnd the end of that interval: the availability it read, its watermark once done
 * @param watermarkBefore the sync's watermark when the cycle began, or null for the first
 * @param startedAt when it began; rows it loads or marks carry this instant, so its counts can be
 *     read back from the destination after a restart
 * @param finishedAt when it ended, or null while running
 * @param exportId the export that reads its window, once submitted
 * @param counts what it changed, or null until it is done
 * @param error why it failed, or null
 */
public record SyncCycleRow(
    String syncId,
    int seq,
    State state,
    boolean reconcile,
    Instant windowStart,
    Instant windowEnd,
    Instant watermarkBefore,
    Instant startedAt,
    Instant finishedAt,
    String exportId,
    Counts counts,
    String error) {

  /** Where a cycle stands. */
  public enum State {
    RUNNING,
    DONE,
    FAILED
  }

  /** What a finished cycle did to the destination, and the Genesys requests it took. */
  public record Counts(long added, long changed, long deleted, long unchanged, long requests) {}

  /** Validates required fields and truncates instants to milliseconds. */
  public SyncCycleRow {
    Objects.requireNonNull(syncId, "syncId");
    Objects.requireNonNull(state, "state");
    windowStart = EpochMillis.truncate(Objects.requireNonNull(windowStart, "windowStart"));
    windowEnd = EpochMillis.truncate(Objects.requireNonNull(windowEnd, "windowEnd"));
    watermarkBefore = EpochMillis.truncate(watermarkBefore);
    startedAt = EpochMillis.truncate(Objects.requireNonNull(startedAt, "startedAt"));
    finishedAt = EpochMillis.truncate(finishedAt);
  }
}
