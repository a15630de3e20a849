package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gcjobs.tables.Column.Source;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one record's JSON as a stream of tokens, without building it, for a destination that
 * flattens records itself: the record's id, and the fields the mapping does not know or whose
 * values are of the wrong type, noted in an {@link UnknownFields} under the same paths as {@link
 * Flattener} notes them, and elements the tables leave out (no key, or a repeated one), as it does.
 * Not thread-safe: one per load.
 */
final class RecordScan {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final String idField;
  private final Level root;
  private final UnknownFields unknown;
  private String id;
  private FieldsSeen seen = FieldsSeen.NONE;

  /** The records scanned: which one a child's keys are of. */
  private long records;

  /** Whether the tables leave out elements of the record scanned last. */
  private boolean leavesOut;

  RecordScan(TableMapping mapping, UnknownFields unknown) {
    this.idField = mapping.kind().idField();
    this.root = new Level(mapping.root(), "");
    this.unknown = unknown;
  }

  /**
   * The id of the record {@code json}, or null if it has none (or an empty one).
   *
   * @throws IOException when {@code json} is not JSON
   * @throws IllegalArgumentException when it is not a JSON object
   */
  String scan(String json) throws IOException {
    id = null;
    records++;
    leavesOut = false;
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      object(p, root.known, "", root);
    }
    unknown.endRecord();
    return id;
  }

  /**
   * Whether the tables leave out elements of the record scanned last: no key, or a repeated one.
   */
  boolean leavesOut() {
    return leavesOut;
  }

  /** The columns and tables the records scanned so far had values for. */
  FieldsSeen seen() {
    return seen;
  }

  /**
   * Reads an object's fields; the opening brace is read. {@code element} is the level whose element
   * the object is, or null for an object inside one.
   */
  @SuppressWarnings("unchecked")
  private void object(JsonParser p, Map<String, Object> known, String path, Level element)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (element == root && name.equals(idField) && value == JsonToken.VALUE_STRING) {
        String text = p.getText();
        id = text.isEmpty() ? null : text;
      }
      if (!known.containsKey(name)) {
        unknown.seen(path + name);
        p.skipChildren();
      } else if (known.get(name) instanceof Column column) {
        if (value != JsonToken.VALUE_NULL) {
          seen = seen.with(column);
        }
        if (column.key() && element != null && element != root) {
          element.keyValues[element.ownKeys.indexOf(column)] =
              keyValue(p, value, column.type(), path + name);
        } else {
          leaf(p, value, column.type(), path + name);
        }
      } else if (known.get(name) instanceof Child child) {
        child(p, value, child);
      } else if (value == JsonToken.START_OBJECT) {
        object(p, (Map<String, Object>) known.get(name), path + name + ".", null);
      } else {
        p.skipChildren();
      }
    }
  }

  private void child(JsonParser p, JsonToken value, Child child) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    seen = seen.with(child.table);
    Table.Shape shape = child.table.shape();
    JsonToken opening =
        shape == Table.Shape.ENTRIES ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
    if (value != opening) {
      unknown.seen(
          child.arrayPath
              + (shape == Table.Shape.ENTRIES ? " (not an object)" : " (not an array)"));
      p.skipChildren();
      return;
    }
    if (shape == Table.Shape.ENTRIES) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        leaf(p, p.nextToken(), child.elementType, child.arrayPath);
      }
      return;
    }
    for (JsonToken element = p.nextToken();
        element != JsonToken.END_ARRAY;
        element = p.nextToken()) {
      if (shape == Table.Shape.STRINGS && child.ownKeys.isEmpty()) {
        leaf(p, element, child.elementType, child.arrayPath);
      } else if (shape == Table.Shape.STRINGS) {
        child.element[0] = keyValue(p, element, child.elementType, child.arrayPath);
        checkKey(child, child.element);
      } else if (element == JsonToken.START_OBJECT) {
        Level level = child.level;
        Arrays.fill(level.keyValues, null);
        object(p, level.known, level.prefix, level);
        checkKey(child, level.keyValues);
      } else {
        unknown.seen(child.arrayPath + "[] (not an object)");
        p.skipChildren();
      }
    }
  }

  /**
   * Notes an element without its key or repeating one, as {@link Flattener} does: its rows are left
   * out.
   */
  private void checkKey(Child child, Object[] values) {
    boolean keyed = true;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        unknown.seen(child.table.noKeyNote(child.arrayPath, child.ownKeys.get(i)));
        keyed = false;
      }
    }
    if (!keyed) {
      seen = seen.leavingOut(child.table);
      leavesOut = true;
    } else if (child.repeats
        && !child.keysOf(records).add(values.length == 1 ? values[0] : List.of(values.clone()))) {
      unknown.seen(child.table.repeatedKeyNote(child.arrayPath));
      seen = seen.leavingOut(child.table);
      leavesOut = true;
    }
  }

  /**
   * A key's value as {@link Flattener} reads it (text, or an instant), or null when it is null or
   * of the wrong type (noted as {@link #leaf} notes it).
   */
  private Object keyValue(JsonParser p, JsonToken value, ColumnType type, String path)
      throws IOException {
    Object key = null;
    if (value != JsonToken.VALUE_NULL) {
      if (type == ColumnType.TIMESTAMPTZ && value == JsonToken.VALUE_STRING) {
        key = Timestamps.parse(p.getText());
      } else if (type == ColumnType.TEXT && value.isScalarValue()) {
        key = p.getText();
      } else if (type != ColumnType.TEXT && type != ColumnType.TIMESTAMPTZ) {
        throw new IllegalStateException("a key of type " + type);
      }
      if (key == null) {
        unknown.seen(path + " (not " + type.name().toLowerCase(Locale.ROOT) + ")");
      }
    }
    p.skipChildren();
    return key;
  }

  private void leaf(JsonParser p, JsonToken value, ColumnType type, String path)
      throws IOException {
    if (value != JsonToken.VALUE_NULL && !accepts(p, value, type)) {
      unknown.seen(path + " (not " + type.name().toLowerCase(Locale.ROOT) + ")");
    }
    p.skipChildren();
  }

  /** Whether {@link Flattener} reads {@code value} as a {@code type}. */
  private static boolean accepts(JsonParser p, JsonToken value, ColumnType type)
      throws IOException {
    return switch (type) {
      case TEXT -> value.isScalarValue();
      case TIMESTAMPTZ -> value == JsonToken.VALUE_STRING && Timestamps.parse(p.getText()) != null;
      case INTEGER ->
          value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
      case BIGINT ->
          value == JsonToken.VALUE_NUMBER_INT
              || (value == JsonToken.VALUE_NUMBER_FLOAT
                  && p.getDoubleValue() == Math.rint(p.getDoubleValue()));
      case DOUBLE -> value.isNumeric();
      case BOOLEAN -> value.isBoolean();
      case JSON -> true;
    };
  }

  /** The fields of a table's element: a name maps to a column, a child table, or a nested map. */
  private static final class Level {
    final String prefix;
    final Map<String, Object> known = new HashMap<>();

    /** The columns an element gives its own key in, and their values in the element scanned. */
    final List<Column> ownKeys;

    final Object[] keyValues;

    @SuppressWarnings("unchecked")
    Level(Table table, String prefix) {
      this.prefix = prefix;
      this.ownKeys = table.ownKeyColumns();
      this.keyValues = new Object[ownKeys.size()];
      for (Column c : table.flattenedColumns()) {
        if (c.source() != Source.FIELD) {
          continue;
        }
        String[] path = c.path().split("\\.");
        Map<String, Object> level = known;
        for (int i = 0; i < path.length - 1; i++) {
          level = (Map<String, Object>) level.computeIfAbsent(path[i], k -> new HashMap<>());
        }
        level.put(path[path.length - 1], c);
      }
      for (Table child : table.children()) {
        known.put(child.field(), new Child(child, prefix));
      }
    }
  }

  /** A child table: where its elements are, and how to read them. */
  private static final class Child {
    final Table table;
    final String arrayPath;
    final Level level;
    final ColumnType elementType;

    /** The columns an element gives its own key in, and whether the key may repeat. */
    final List<Column> ownKeys;

    final boolean repeats;

    /** A string element's key, as checked. */
    final Object[] element = new Object[1];

    private final Set<Object> keys = new HashSet<>();
    private long keysRecord;

    Child(Table table, String parentPrefix) {
      this.table = table;
      this.ownKeys = table.ownKeyColumns();
      this.repeats = table.keyMayRepeat();
      this.arrayPath = parentPrefix + table.field();
      boolean objects = table.shape() == Table.Shape.OBJECTS;
      this.level = objects ? new Level(table, arrayPath + "[].") : null;
      this.elementType =
          objects
              ? null
              : table.flattenedColumns().stream()
                  .filter(c -> c.source() == Source.ELEMENT || c.source() == Source.ENTRY_VALUE)
                  .findFirst()
                  .orElseThrow()
                  .type();
    }

    /** The keys of the elements of record number {@code record} so far. */
    Set<Object> keysOf(long record) {
      if (keysRecord != record) {
        keys.clear();
        keysRecord = record;
      }
      return keys;
    }
  }
}
