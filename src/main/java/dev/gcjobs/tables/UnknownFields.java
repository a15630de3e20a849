package dev.gcjobs.tables;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON paths the mapping does not know, each with the number of records that had it: what a
 * load reports once, so a new Genesys field is noticed (its values are in {@code raw}); also values
 * of the wrong type and elements the tables leave out, each under its path with a note. Not
 * thread-safe: one per load.
 */
public final class UnknownFields {
  private final Map<String, Long> records = new TreeMap<>();
  private final Set<String> inRecord = new HashSet<>();

  /** Notes {@code path} (for example {@code participants[].sessions[].flow.outcomes}). */
  void seen(String path) {
    inRecord.add(path);
  }

  /** Ends a record: each path it had counts once. */
  void endRecord() {
    for (String path : inRecord) {
      records.merge(path, 1L, Long::sum);
    }
    inRecord.clear();
  }

  /** Each unknown path, sorted, with the number of records that had it. */
  public Map<String, Long> byPath() {
    return Collections.unmodifiableMap(records);
  }
}
