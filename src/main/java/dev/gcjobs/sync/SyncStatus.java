package dev.gcjobs.sync;

import java.time.Instant;
import java.util.List;

/**
 * A sync and where it stands: its definition, whether it is paused, its watermark and its last
 * cycles, newest first.
 *
 * @param definition what it copies
 * @param paused whether cycles are held back
 * @param watermark up to when the destination equals Genesys, or null before the first cycle ends
 * @param lastReconcileAt when the last reconcile cycle started, or null
 * @param running the cycle in progress, or null
 * @param cycles the last cycles that ended, newest first
 * @param lastCycleAt when the last cycle (running, done or failed) began, or null before the first
 */
public record SyncStatus(
    SyncDefinition definition,
    boolean paused,
    Instant watermark,
    Instant lastReconcileAt,
    CycleSummary running,
    List<CycleSummary> cycles,
    Instant lastCycleAt) {
  public SyncStatus {
    cycles = List.copyOf(cycles);
  }
}
