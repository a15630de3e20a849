package dev.gcjobs.tables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which elements of one record the tables leave out, the one rule of both ways of reading a record
 * ({@link Flattener}'s tree, {@link RecordScan}'s tokens): an element without a value for its own
 * key, and its children; of the elements of a table whose keys may repeat, each one whose key a
 * later one repeats, and its children. It goes table by table from the top, so a repeat among the
 * children of elements left out does not count. Keys compare as the databases store them: instants
 * to the microsecond, rounded; text with U+0000 as PostgreSQL holds it. Not thread-safe: one per
 * reader, used record after record.
 *
 * @param <E> how the reader names an element
 */
final class LeftOut<E> {
  /** A table's sets of keys grow for large records; a larger one is dropped, not cleared. */
  private static final int KEPT_SET_SIZE = 64;

  private final TableMapping mapping;
  private final Set<Table> keyed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Table> repeatable = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<E> elements = new ArrayList<>();
  private final List<E> parents = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<Object> keys = new ArrayList<>();
  private final Map<Table, Set<Object>> seen = new IdentityHashMap<>();
  private boolean any;

  LeftOut(TableMapping mapping) {
    this.mapping = mapping;
    for (Table table : mapping.tables()) {
      if (table != mapping.root() && !table.ownKeyColumns().isEmpty()) {
        keyed.add(table);
      }
      if (table.keyMayRepeat()) {
        repeatable.add(table);
      }
    }
  }

  /** Starts a record. */
  void start() {
    elements.clear();
    parents.clear();
    tables.clear();
    keys.clear();
    seen.replaceAll((table, set) -> set.size() > KEPT_SET_SIZE ? new HashSet<>() : clear(set));
    any = false;
  }

  /**
   * Notes an element of {@code table}; the elements of one table in the record's order (a parent
   * may come before or after its children).
   *
   * @param parent the element it is in, or null for one of the record's own arrays
   * @param key the values of its own key columns, null where it lacks one (not kept)
   * @return false when its key repeats one of an earlier element of its table
   */
  boolean add(E element, E parent, Table table, Object[] key) {
    elements.add(element);
    parents.add(parent);
    tables.add(table);
    boolean repeats = repeatable.contains(table);
    Object stored = !whole(key) ? null : repeats ? stored(key) : Boolean.TRUE;
    keys.add(stored);
    if (stored == null) {
      any |= keyed.contains(table);
      return true;
    }
    if (repeats && !seen.computeIfAbsent(table, t -> new HashSet<>()).add(stored)) {
      any = true;
      return false;
    }
    return true;
  }

  /** Whether the record has elements to leave out. */
  boolean any() {
    return any;
  }

  /** The elements left out, children of those left out included. */
  Set<E> elements() {
    Set<E> out = Collections.newSetFromMap(new IdentityHashMap<>());
    if (!any) {
      return out;
    }
    for (Table table : mapping.tables()) {
      Map<Object, E> last = new HashMap<>();
      for (int i = 0; i < elements.size(); i++) {
        if (tables.get(i) != table) {
          continue;
        }
        E element = elements.get(i);
        boolean keyless = keys.get(i) == null && keyed.contains(table);
        if (keyless || (parents.get(i) != null && out.contains(parents.get(i)))) {
          out.add(element);
        } else if (repeatable.contains(table)) {
          E earlier = last.put(keys.get(i), element);
          if (earlier != null) {
            out.add(earlier);
          }
        }
      }
    }
    return out;
  }

  private static boolean whole(Object[] key) {
    for (Object value : key) {
      if (value == null) {
        return false;
      }
    }
    return true;
  }

  /** A key as the databases hold it: one value, or a list of them. */
  private static Object stored(Object[] key) {
    return key.length == 1 ? stored(key[0]) : Arrays.stream(key).map(LeftOut::stored).toList();
  }

  private static Object stored(Object key) {
    if (key instanceof Instant at) {
      return Instant.ofEpochSecond(at.getEpochSecond(), (at.getNano() + 500) / 1000 * 1000L);
    }
    if (key instanceof String text) {
      return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }
    return key;
  }

  private static Set<Object> clear(Set<Object> set) {
    set.clear();
    return set;
  }
}
