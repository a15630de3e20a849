package dev.gcjobs.sink;

import java.time.Instant;
import java.util.Objects;

/**
 * What an output holds, for its manifest: which export, what kind, over which interval, and up to
 * when its data is complete (Genesys' data lake is complete only up to its availability).
 *
 * @param exportId the export's id
 * @param kind what was exported, e.g. {@code conversations}
 * @param intervalStart the export's interval start
 * @param intervalEnd the export's interval end
 * @param completeUntil up to when the data is complete: {@code intervalEnd} when it all is
 */
public record ExportLabel(
    String exportId,
    String kind,
    Instant intervalStart,
    Instant intervalEnd,
    Instant completeUntil) {

  public ExportLabel {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(intervalStart, "intervalStart");
    Objects.requireNonNull(intervalEnd, "intervalEnd");
    Objects.requireNonNull(completeUntil, "completeUntil");
  }

  /** Whether the data is complete over the whole interval. */
  public boolean complete() {
    return !completeUntil.isBefore(intervalEnd);
  }
}
