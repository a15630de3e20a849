package dev.gcjobs.tables;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The columns and child tables of a mapping for which records so far had a value: what {@link
 * DuckDbFlattening} reads from the JSON; the other columns are null without reading; and whether
 * the tables leave out elements of some records (no key, or a repeated one), which it then filters.
 * Immutable: a field seen for the first time gives a new one, so each record can carry the one
 * current after it. A batch may hold the records of several reads (the stretches of an export's
 * parts), so it joins theirs.
 */
public final class FieldsSeen {
  static final FieldsSeen NONE = new FieldsSeen(identitySet(), false);

  private final Set<Object> seen;
  private final boolean leftOut;

  private FieldsSeen(Set<Object> seen, boolean leftOut) {
    this.seen = seen;
    this.leftOut = leftOut;
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

  /** Whether a record had elements to leave out: no key, or a repeated one. */
  boolean leavesOut() {
    return leftOut;
  }

  /** This, or one that also has what {@code other} has: {@code other} itself if it has all. */
  FieldsSeen and(FieldsSeen other) {
    if (other == this || (seen.containsAll(other.seen) && (leftOut || !other.leftOut))) {
      return this;
    }
    if (other.seen.containsAll(seen) && (other.leftOut || !leftOut)) {
      return other;
    }
    return new FieldsSeen(union(seen, other.seen), leftOut || other.leftOut);
  }

  /** This, or a new one that also has {@code field} (a column or a table). */
  FieldsSeen with(Object field) {
    return seen.contains(field) ? this : new FieldsSeen(union(seen, Set.of(field)), leftOut);
  }

  /** This, or a new one that also leaves out elements. */
  FieldsSeen leavingOut() {
    return leftOut ? this : new FieldsSeen(seen, true);
  }

  /** This, or a new one that leaves out no element. */
  FieldsSeen leavingNothingOut() {
    return leftOut ? new FieldsSeen(seen, false) : this;
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> both = identitySet();
    both.addAll(a);
    both.addAll(b);
    return both;
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
