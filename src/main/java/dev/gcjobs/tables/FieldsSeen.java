package dev.gcjobs.tables;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The columns and child tables of a mapping for which records so far had a value: what {@link
 * DuckDbFlattening} reads from the JSON; the other columns are null without reading. Immutable: a
 * field seen for the first time gives a new one, so each record can carry the one current after it.
 * A batch may hold the records of several reads (the stretches of an export's parts), so it joins
 * theirs.
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

  /** This, or one that also has what {@code other} has: {@code other} itself if it has all. */
  FieldsSeen and(FieldsSeen other) {
    if (other == this || seen.containsAll(other.seen)) {
      return this;
    }
    if (other.seen.containsAll(seen)) {
      return other;
    }
    Set<Object> both = Collections.newSetFromMap(new IdentityHashMap<>());
    both.addAll(seen);
    both.addAll(other.seen);
    return new FieldsSeen(both);
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
