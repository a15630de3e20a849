package dev.gcjobs.tables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.tables.Column.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one record (a Jackson tree) into its rows, following a {@link TableMapping}; notes the
 * fields the mapping does not know, and values of the wrong type (kept in {@code raw}, null in
 * their column), in an {@link UnknownFields}. An element without its key, or whose key a later
 * element of the record repeats, gives no rows, nor do its children: the tables' keys stay whole
 * and unique, and the element stays in {@code raw}, noted as well. Not thread-safe: one per load.
 */
public final class Flattener {
  private final TableMapping mapping;
  private final Plan root;
  private final UnknownFields unknown;

  /** The rows of the record to leave out, each row standing for its element. */
  private final LeftOut<Object[]> leftOut;

  public Flattener(TableMapping mapping, UnknownFields unknown) {
    this.mapping = mapping;
    this.unknown = unknown;
    this.leftOut = new LeftOut<>(mapping);
    this.root = new Plan(mapping.root(), mapping.tables(), null, "", "");
  }

  /**
   * The rows of {@code record}.
   *
   * @param raw the record's JSON as read, kept whole in the top-level row
   * @throws IllegalArgumentException when the record has no id
   */
  public FlatRecord flatten(JsonNode record, String raw) {
    JsonNode id = record.get(mapping.kind().idField());
    if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
      throw new IllegalArgumentException(
          "a " + mapping.kind().cliName() + " record needs \"" + mapping.kind().idField() + "\"");
    }
    List<List<Object[]>> rows = new ArrayList<>(mapping.tables().size());
    for (int i = 0; i < mapping.tables().size(); i++) {
      rows.add(new ArrayList<>(4));
    }
    String hash = ContentHash.of(raw);
    leftOut.start();
    root.rows(record, null, 0, null, raw, hash, rows);
    if (leftOut.any()) {
      Set<Object[]> out = leftOut.elements();
      for (List<Object[]> table : rows) {
        table.removeIf(out::contains);
      }
    }
    unknown.endRecord();
    return new FlatRecord(id.textValue(), hash, rows);
  }

  /** A table's columns, known fields and children, prepared once. */
  private final class Plan {
    private final int index;
    private final Table table;
    private final Column[] columns;
    private final String[][] paths;
    private final int[] parentColumn;

    /** The JSON path of this table's fields ({@code participants[].}) and of its array. */
    private final String prefix;

    private final String arrayPath;
    private final String[] reportPaths;

    /** The indexes of the columns an element gives its own key in. */
    private final int[] ownKeys;

    /** The values of those columns in the row checked last. */
    private final Object[] keyValues;

    /** Field name → null (a leaf), a nested map (an object read by dotted paths), or a child. */
    private final Map<String, Object> known = new HashMap<>();

    Plan(Table table, List<Table> all, Table parent, String arrayPath, String prefix) {
      this.index = all.indexOf(table);
      this.table = table;
      this.arrayPath = arrayPath;
      this.prefix = prefix;
      List<Column> flat = table.flattenedColumns();
      this.columns = flat.toArray(Column[]::new);
      this.paths = new String[columns.length][];
      this.parentColumn = new int[columns.length];
      this.reportPaths = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        Column c = columns[i];
        reportPaths[i] = c.source() == Source.FIELD ? prefix + c.path() : arrayPath;
        if (c.source() == Source.FIELD) {
          paths[i] = c.path().split("\\.");
          know(paths[i]);
        } else if (c.source() == Source.PARENT) {
          parentColumn[i] = parent.flattenedColumns().indexOf(parent.column(c.name()));
        }
      }
      this.ownKeys = table.ownKeyColumns().stream().mapToInt(flat::indexOf).toArray();
      this.keyValues = new Object[ownKeys.length];
      for (Table child : table.children()) {
        String childArray = prefix + child.field();
        String childPrefix = childArray + (child.shape() == Table.Shape.ENTRIES ? "." : "[].");
        known.put(child.field(), new Plan(child, all, table, childArray, childPrefix));
      }
    }

    @SuppressWarnings("unchecked")
    private void know(String[] path) {
      Map<String, Object> level = known;
      for (int i = 0; i < path.length - 1; i++) {
        level = (Map<String, Object>) level.computeIfAbsent(path[i], k -> new HashMap<>());
      }
      level.put(path[path.length - 1], null);
    }

    /** Adds the row of {@code element} and those of its children. */
    void rows(
        JsonNode element,
        Object[] parentRow,
        int position,
        String entryName,
        String raw,
        String hash,
        List<List<Object[]>> into) {
      Object[] row = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        Column c = columns[i];
        row[i] =
            switch (c.source()) {
              case FIELD -> value(at(element, paths[i]), c, reportPaths[i]);
              case PARENT -> parentRow[parentColumn[i]];
              case POSITION -> position;
              case ELEMENT, ENTRY_VALUE -> value(element, c, reportPaths[i]);
              case ENTRY_NAME -> entryName;
              case RAW -> raw;
              case CONTENT_HASH -> hash;
              case LOAD_TIME -> throw new IllegalStateException("not flattened: " + c.name());
            };
      }
      into.get(index).add(row);
      checkKey(row, parentRow);
      if (table.shape() == Table.Shape.RECORD || table.shape() == Table.Shape.OBJECTS) {
        children(element, row, raw, hash, into);
      }
    }

    /**
     * Hands the row of an element (not the record's) to {@link #leftOut}, and notes an element
     * without its key or repeating one.
     */
    private void checkKey(Object[] row, Object[] parentRow) {
      if (parentRow == null) {
        return;
      }
      for (int i = 0; i < ownKeys.length; i++) {
        keyValues[i] = row[ownKeys[i]];
        if (keyValues[i] == null) {
          unknown.seen(table.noKeyNote(arrayPath, columns[ownKeys[i]]));
        }
      }
      if (!leftOut.add(row, parentRow, table, keyValues)) {
        unknown.seen(table.repeatedKeyNote(arrayPath));
      }
    }

    private void children(
        JsonNode element, Object[] row, String raw, String hash, List<List<Object[]>> into) {
      for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        if (!known.containsKey(name)) {
          unknown.seen(prefix + name);
          continue;
        }
        Object what = known.get(name);
        JsonNode value = field.getValue();
        if (what instanceof Plan child) {
          child.each(value, row, raw, hash, into);
        } else if (what instanceof Map<?, ?> nested && value.isObject()) {
          unknownIn(value, nested, prefix + name + ".");
        }
      }
    }

    private void each(
        JsonNode value, Object[] parentRow, String raw, String hash, List<List<Object[]>> into) {
      if (value.isNull()) {
        return;
      }
      if (table.shape() == Table.Shape.ENTRIES) {
        if (!value.isObject()) {
          unknown.seen(arrayPath + " (not an object)");
          return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          rows(entry.getValue(), parentRow, 0, entry.getKey(), raw, hash, into);
        }
        return;
      }
      if (!value.isArray()) {
        unknown.seen(arrayPath + " (not an array)");
        return;
      }
      int position = 0;
      for (JsonNode element : value) {
        if (table.shape() == Table.Shape.OBJECTS && !element.isObject()) {
          unknown.seen(arrayPath + "[] (not an object)");
        } else {
          rows(element, parentRow, position, null, raw, hash, into);
        }
        position++;
      }
    }

    @SuppressWarnings("unchecked")
    private void unknownIn(JsonNode object, Map<?, ?> knownHere, String path) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!knownHere.containsKey(field.getKey())) {
          unknown.seen(path + field.getKey());
        } else if (knownHere.get(field.getKey()) instanceof Map<?, ?> deeper
            && field.getValue().isObject()) {
          unknownIn(field.getValue(), (Map<String, Object>) deeper, path + field.getKey() + ".");
        }
      }
    }

    private JsonNode at(JsonNode element, String[] path) {
      JsonNode node = element;
      for (String name : path) {
        node = node.get(name);
        if (node == null) {
          return null;
        }
      }
      return node;
    }

    /** The column's value, or null if absent; a value of the wrong type is noted, and null. */
    private Object value(JsonNode node, Column c, String path) {
      if (node == null || node.isNull()) {
        return null;
      }
      Object value = convert(node, c.type());
      if (value == null) {
        unknown.seen(path + " (not " + c.type().name().toLowerCase(Locale.ROOT) + ")");
      }
      return value;
    }
  }

  private static Object convert(JsonNode node, ColumnType type) {
    return switch (type) {
      case TEXT -> node.isValueNode() ? node.asText() : null;
      case TIMESTAMPTZ -> instant(node);
      case INTEGER -> node.canConvertToInt() && node.isIntegralNumber() ? node.intValue() : null;
      case BIGINT -> wholeNumber(node);
      case DOUBLE -> node.isNumber() ? node.doubleValue() : null;
      case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
      case JSON -> node.toString();
    };
  }

  private static Instant instant(JsonNode node) {
    return node.isTextual() ? Timestamps.parse(node.textValue()) : null;
  }

  private static Long wholeNumber(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue())) {
      return (long) node.doubleValue();
    }
    return null;
  }
}
