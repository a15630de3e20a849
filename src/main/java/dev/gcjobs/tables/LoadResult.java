package dev.gcjobs.tables;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a load did.
 *
 * @param kind the kind of the records loaded
 * @param counts records new, changed and unchanged, and rows written per table
 * @param unknownFields what is kept in {@code raw} only, each with the number of records that had
 *     it, sorted by path: a JSON path the mapping does not know, a value of the wrong type ({@code
 *     path (not boolean)}), elements left out for their key ({@code participants[] (no
 *     participantId)}, {@code divisionIds[] (repeated)})
 */
public record LoadResult(RecordKind kind, LoadCounts counts, Map<String, Long> unknownFields) {
  public LoadResult {
    unknownFields = Collections.unmodifiableMap(new TreeMap<>(unknownFields));
  }
}
