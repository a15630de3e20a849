package dev.gcjobs.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of exports, newest first.
 *
 * @param exports the exports on this page
 * @param next where the next page starts, or empty when this is the last page
 */
public record ExportPage(List<ExportRow> exports, Optional<ExportCursor> next) {
  /** Copies the list. */
  public ExportPage {
    exports = List.copyOf(exports);
  }
}
