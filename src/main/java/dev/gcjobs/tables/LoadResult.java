package dev.gcjobs.tables;

import java.util.Map;

/**
 * What a load did.
 *
 * @param kind the kind of the records loaded
 * @param counts records new, changed and unchanged, and rows written per table
 * @param unknownFields each JSON path the mapping does not know (kept in {@code raw}), with the
 *     number of records that had it
 */
public record LoadResult(RecordKind kind, LoadCounts counts, Map<String, Long> unknownFields) {
  public LoadResult {
    unknownFields = Map.copyOf(unknownFields);
  }
}
