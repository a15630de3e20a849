package dev.gcjobs.tables;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The columns and child tables of a mapping for which records so far had a value: what {@link
 * DuckDbFlattening} reads from the JSON; the other columns are null without reading. Immutable: a
 * field seen for the first time gives a new one, so each record can carry the one current after it,
 * and the latest record of a batch carries the fields of the whole batch.
 */
public final class FieldsSeen {
  static final FieldsSeen NONE = new FieldsSeen(Collections.newSetFromMap(new IdentityHashMap<>()));

  private final Set<Object> seen;

  private FieldsSeen(Set<Object> seen) {
    this.seen = seen;
  }

  /**
   * Whether a record had a value for {@code column} (compared by identity: a column of a table).
   */
  boolean has(Column column) {
    return seen.contains(column);
  }

  /** Whether a record had elements of {@code table}. */
  boolean has(Table table) {
    return seen.contains(table);
  }

  /** This, or a new one that also has {@code field} (a column or a table). */
  FieldsSeen with(Object field) {
    if (seen.contains(field)) {
      return this;
    }
    Set<Object> more = Collections.newSetFromMap(new IdentityHashMap<>());
    more.addAll(seen);
    more.add(field);
    return new FieldsSeen(more);
  }
}
