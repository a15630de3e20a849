package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gcjobs.tables.Column.Source;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  /** The elements of the record to leave out. */
  private final LeftOut<Element> leftOut;

  /** The element whose fields are being read, or null for the record's own. */
  private Element current;

  /** The elements of the record scanned last that the tables leave out, or null for none. */
  private String drops;

  RecordScan(TableMapping mapping, UnknownFields unknown) {
    this.idField = mapping.kind().idField();
    this.root = new Level(mapping.root(), "");
    this.unknown = unknown;
    this.leftOut = new LeftOut<>(mapping);
  }

  /**
   * The id of the record {@code json}, or null if it has none (or an empty one).
   *
   * @throws IOException when {@code json} is not JSON
   * @throws IllegalArgumentException when it is not a JSON object
   */
  String scan(String json) throws IOException {
    id = null;
    current = null;
    drops = null;
    leftOut.start();
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      object(p, root.known, "", root);
    }
    unknown.endRecord();
    if (leftOut.any()) {
      StringBuilder named = new StringBuilder(",");
      for (Element element : leftOut.elements()) {
        named.append(element.table.name()).append('/').append(element.place()).append(',');
      }
      drops = named.toString();
    }
    return id;
  }

  /**
   * The elements of the record scanned last that the tables leave out (no key, or a repeated one;
   * their children too), each as {@code ,TABLE/PLACE,} where {@code PLACE} is its positions in the
   * arrays from the record down to it, joined by dots ({@code ,sessions/2.0,}); null for none.
   */
  String drops() {
    return drops;
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
              keyValue(p, value, column.type(), path + name, element.keyCompared);
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
    int position = 0;
    for (JsonToken element = p.nextToken();
        element != JsonToken.END_ARRAY;
        element = p.nextToken(), position++) {
      if (shape == Table.Shape.STRINGS && child.ownKeys.isEmpty()) {
        leaf(p, element, child.elementType, child.arrayPath);
      } else if (shape == Table.Shape.STRINGS) {
        child.element[0] = keyValue(p, element, child.elementType, child.arrayPath, child.repeats);
        checkKey(child, null, position, child.element);
      } else if (element == JsonToken.START_OBJECT) {
        Level level = child.level;
        Arrays.fill(level.keyValues, null);
        Element outer = current;
        Element here = child.parents ? new Element(child.table, outer, position) : null;
        if (here != null) {
          current = here;
        }
        object(p, level.known, level.prefix, level);
        current = outer;
        checkKey(child, here, position, level.keyValues);
      } else {
        unknown.seen(child.arrayPath + "[] (not an object)");
        p.skipChildren();
      }
    }
  }

  /**
   * Notes an element without its key or repeating one, as {@link Flattener} does, and hands to
   * {@link #leftOut} those that decide what is left out: elements without their key, elements of a
   * table whose keys may repeat, and parents (whose children go with them). A keyed element of
   * another table, a segment say, decides nothing: it goes only with its parent.
   *
   * @param here the element, where it is a parent, else null
   */
  private void checkKey(Child child, Element here, int position, Object[] values) {
    boolean keyed = true;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        unknown.seen(child.table.noKeyNote(child.arrayPath, child.ownKeys.get(i)));
        keyed = false;
      }
    }
    if (keyed && !child.repeats && !child.parents) {
      return;
    }
    Element element = here != null ? here : new Element(child.table, current, position);
    if (!leftOut.add(element, current, child.table, values)) {
      unknown.seen(child.table.repeatedKeyNote(child.arrayPath));
    }
  }

  /**
   * A key's value as {@link Flattener} reads it (text, or an instant), or null when it is null or
   * of the wrong type (noted as {@link #leaf} notes it); where it is not {@code compared} with
   * others, any value for text.
   */
  private Object keyValue(
      JsonParser p, JsonToken value, ColumnType type, String path, boolean compared)
      throws IOException {
    Object key = null;
    if (value != JsonToken.VALUE_NULL) {
      if (type == ColumnType.TIMESTAMPTZ && value == JsonToken.VALUE_STRING) {
        key = Timestamps.parse(p.getText());
      } else if (type == ColumnType.TEXT && value.isScalarValue()) {
        key = compared ? text(p, value) : Boolean.TRUE;
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

  /** A scalar as text, as {@link Flattener} reads it from Jackson's tree ({@code 1e2} as 100.0). */
  private static String text(JsonParser p, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NUMBER_FLOAT -> String.valueOf(p.getDoubleValue());
      case VALUE_NUMBER_INT -> p.getNumberValue().toString();
      default -> p.getText();
    };
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

    /**
     * Whether keys are compared, or only needed (the key of another element cannot be the same).
     */
    final boolean keyCompared;

    @SuppressWarnings("unchecked")
    Level(Table table, String prefix) {
      this.prefix = prefix;
      this.ownKeys = table.ownKeyColumns();
      this.keyValues = new Object[ownKeys.size()];
      this.keyCompared = table.keyMayRepeat();
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

    /** The columns an element gives its own key in. */
    final List<Column> ownKeys;

    /** Whether two elements may have the same key, and whether elements have children. */
    final boolean repeats;

    final boolean parents;

    /** A string element's key, as checked. */
    final Object[] element = new Object[1];

    Child(Table table, String parentPrefix) {
      this.table = table;
      this.ownKeys = table.ownKeyColumns();
      this.repeats = table.keyMayRepeat();
      this.parents = !table.children().isEmpty();
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
  }

  /** An element of a child table, where it is in the record. */
  private static final class Element {
    final Table table;
    final Element parent;
    final int position;

    Element(Table table, Element parent, int position) {
      this.table = table;
      this.parent = parent;
      this.position = position;
    }

    /** Its positions in the arrays from the record down to it, joined by dots. */
    String place() {
      return parent == null ? String.valueOf(position) : parent.place() + "." + position;
    }
  }
}
