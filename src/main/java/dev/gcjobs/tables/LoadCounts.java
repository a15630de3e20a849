package dev.gcjobs.tables;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What loading some records did: how many were new, changed (their rows replaced) or unchanged
 * (same content hash: skipped), and the rows written per table.
 */
public record LoadCounts(long inserted, long changed, long unchanged, Map<String, Long> rows) {
  /** Nothing loaded. */
  public static final LoadCounts NONE = new LoadCounts(0, 0, 0, Map.of());

  public LoadCounts {
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }

  /** The records loaded: new, changed and unchanged. */
  public long records() {
    return inserted + changed + unchanged;
  }

  /** These counts and {@code other}'s, added. */
  public LoadCounts plus(LoadCounts other) {
    Map<String, Long> sum = new LinkedHashMap<>(rows);
    other.rows.forEach((table, n) -> sum.merge(table, n, Long::sum));
    return new LoadCounts(
        inserted + other.inserted, changed + other.changed, unchanged + other.unchanged, sum);
  }
}
