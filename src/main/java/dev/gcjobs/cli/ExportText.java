package dev.gcjobs.cli;

import dev.gcjobs.engine.ExportInterval;
import dev.gcjobs.engine.ExportStatus;

/** How the {@code exports} subcommands write an export's parts for people. */
final class ExportText {
  private ExportText() {}

  /** {@code 4/7 chunks, 5741 records}. */
  static String progress(ExportStatus.Progress p) {
    return p.chunksDone() + "/" + p.chunksTotal() + " chunks, " + p.records() + " records";
  }

  /** {@code 2024-01-01T00:00:00Z/2024-01-08T00:00:00Z}, without the wire form's milliseconds. */
  static String interval(ExportInterval interval) {
    return interval.start() + "/" + interval.end();
  }

  /**
   * {@code yes} or {@code NO, only until INSTANT (Genesys' dataAvailabilityDate)}: whether the data
   * read is complete.
   */
  static String completeness(ExportStatus s) {
    ExportStatus.Completeness c = s.completeness();
    return c.complete()
        ? "yes"
        : "NO, only until " + c.completeUntil() + " (Genesys' dataAvailabilityDate)";
  }
}
