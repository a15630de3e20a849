package dev.gcjobs.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.tables.Column.Source;
import dev.gcjobs.tables.Table.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SQL with which DuckDB flattens a batch of records itself, generated from a {@link
 * TableMapping}: the records' JSON lines are parsed once into typed structs ({@code json_transform}
 * with a structure built from the mapping), and each table's rows are selected from them by
 * unnesting, in DuckDB's own threads. It gives the rows {@link Flattener} gives, which {@code
 * DuckDbFlatteningTest} checks column by column.
 */
final class DuckDbFlattening {
  /**
   * The session's table of the batch's records: number, id, content hash, JSON text, and the
   * elements of the record the tables leave out ({@link RecordScan#drops()}).
   */
  static final String LINES = "gcjobs_lines";

  /** The batch's records parsed: id, {@code content_hash}, {@code raw}, and a struct {@code e}. */
  static final String PARSED = "gcjobs_parsed";

  /** An element's place in its record: its positions in the arrays down to it, joined by dots. */
  private static final String PLACE = "gcjobs_place";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TableMapping mapping;
  private final FieldsSeen seen;
  private final boolean leavesOut;
  private final String structure;

  /** Which records this flattening inserts the rows of: a condition on {@link #PARSED}, or null. */
  private final String only;

  /**
   * @param seen the fields the batch's records had values for: the others are not read (a structure
   *     with every field of the mapping costs DuckDB a value for each, null or not)
   * @param leavesOut whether the tables leave out elements of some of the batch's records (their
   *     {@code drops})
   */
  DuckDbFlattening(TableMapping mapping, FieldsSeen seen, boolean leavesOut) {
    this(mapping, seen, leavesOut, structure(mapping.root(), seen).toString(), null);
  }

  private DuckDbFlattening(
      TableMapping mapping, FieldsSeen seen, boolean leavesOut, String structure, String only) {
    this.mapping = mapping;
    this.seen = seen;
    this.leavesOut = leavesOut;
    this.structure = structure;
    this.only = only;
  }

  /**
   * The flattenings whose inserts, one after the other, fill the tables with the batch: this one;
   * or, where the tables leave out elements of some records, one for the other records, as fast as
   * ever, and one that filters for those few.
   */
  List<DuckDbFlattening> passes() {
    if (!leavesOut) {
      return List.of(this);
    }
    return List.of(
        new DuckDbFlattening(mapping, seen, false, structure, PARSED + ".drops IS NULL"),
        new DuckDbFlattening(mapping, seen, true, structure, PARSED + ".drops IS NOT NULL"));
  }

  /** Creates the lines table, private to the session: the batch's records in the order read. */
  static String createLines() {
    return "CREATE TEMP TABLE IF NOT EXISTS "
        + LINES
        + " (line_number BIGINT, id VARCHAR, content_hash VARCHAR, line VARCHAR,"
        + " drops VARCHAR)";
  }

  /** Keeps, of the lines with the same id, the last: the later record wins. */
  static String keepLatest() {
    return "DELETE FROM "
        + LINES
        + " WHERE line_number NOT IN (SELECT max(line_number) FROM "
        + LINES
        + " GROUP BY id)";
  }

  /**
   * Parses the batch's lines into {@link #PARSED}: the id (in a column named as the top-level
   * table's key), {@code content_hash}, {@code raw} and the record as a struct, {@code e}. The
   * lines are parsed in {@code stripes} stripes (by line number), one query each, joined with
   * {@code UNION ALL}: DuckDB gives a scan one thread per row group, and a batch of fewer lines
   * than one row group would otherwise be parsed on one thread, while the stripes run on as many.
   */
  String parse(int stripes) {
    List<String> selects = new ArrayList<>();
    for (int stripe = 0; stripe < stripes; stripe++) {
      selects.add(
          "SELECT id AS "
              + mapping.idColumn().name()
              + ", content_hash, line AS raw, drops, json_transform(line, "
              + literal(structure)
              + ") AS e FROM "
              + LINES
              + (stripes > 1 ? " WHERE line_number % " + stripes + " = " + stripe : ""));
    }
    return "CREATE OR REPLACE TEMP TABLE " + PARSED + " AS " + String.join(" UNION ALL ", selects);
  }

  /**
   * The statements that insert the rows of the records {@code records} holds (a relation with the
   * columns of {@link #PARSED}, and whatever {@code stamps} uses) into the tables {@code into}
   * names: per table in the mapping's order, its statements, the last of them the insert. The
   * top-level rows get the columns {@code stamps} names, set to its SQL expressions. A table with
   * children is first kept in a temporary table with its columns and its children's arrays (not its
   * whole element, which is wide and mostly null), which {@link #dropLevels()} drops.
   */
  List<List<String>> insert(
      String records, Function<Table, String> into, Map<String, String> stamps) {
    List<List<String>> statements = new ArrayList<>();
    for (Table table : mapping.tables()) {
      if (table != mapping.root() && !seen.has(table)) {
        statements.add(List.of());
        continue;
      }
      List<String> names =
          new ArrayList<>(table.flattenedColumns().stream().map(Column::name).toList());
      if (table == mapping.root()) {
        names.addAll(stamps.keySet());
      }
      String rows = rows(table, records, stamps);
      List<String> forTable = new ArrayList<>();
      if (table != mapping.root() && !table.children().isEmpty()) {
        forTable.add("CREATE OR REPLACE TEMP TABLE " + level(table) + " AS " + rows);
        rows = "SELECT * FROM " + level(table);
      }
      String list = String.join(", ", names);
      forTable.add(
          "INSERT INTO "
              + into.apply(table)
              + " ("
              + list
              + ") SELECT "
              + list
              + " FROM ("
              + rows
              + ")");
      statements.add(forTable);
    }
    return statements;
  }

  /** Drops the temporary tables of the intermediate levels. */
  List<String> dropLevels() {
    return mapping.tables().stream()
        .filter(t -> t != mapping.root() && !t.children().isEmpty())
        .map(t -> "DROP TABLE IF EXISTS " + level(t))
        .toList();
  }

  private static String level(Table table) {
    return "gcjobs_level_" + table.name();
  }

  /**
   * The rows of {@code table} as a query: its flattened columns, and for each child table the array
   * (or object) that holds the child's elements, named as the child table. Where the batch has
   * elements to leave out, its records' {@code drops} and each element's place in its record come
   * along, and the elements {@code drops} names are left out, with their children, which are
   * selected from the rows left.
   */
  private String rows(Table table, String records, Map<String, String> stamps) {
    String element = table == mapping.root() ? "e" : "x";
    List<String> columns = new ArrayList<>();
    for (Column c : table.flattenedColumns()) {
      columns.add(expression(c, element) + " AS " + c.name());
    }
    for (Table child : table.children()) {
      if (seen.has(child)) {
        columns.add(element + "[" + literal(child.field()) + "] AS " + child.name());
      }
    }
    if (table == mapping.root()) {
      stamps.forEach((name, value) -> columns.add(value + " AS " + name));
      if (leavesOut) {
        columns.add(PARSED + ".drops AS drops");
      }
      return "SELECT "
          + String.join(", ", columns)
          + " FROM "
          + records
          + (only == null ? "" : " WHERE " + only);
    }
    Table parent = parentOf(table);
    String parentRows =
        parent == mapping.root() ? "(" + rows(parent, records, Map.of()) + ")" : level(parent);
    List<String> carried =
        new ArrayList<>(
            table.flattenedColumns().stream()
                .filter(c -> c.source() == Source.PARENT)
                .map(Column::name)
                .toList());
    boolean placed = leavesOut && table.shape() != Shape.ENTRIES;
    String held = table.name();
    String unnested =
        switch (table.shape()) {
          case OBJECTS -> "unnest(" + held + ") AS x, unnest(range(len(" + held + "))) AS position";
          case STRINGS ->
              "unnest("
                  + held
                  + ") AS x"
                  + (placed ? ", unnest(range(len(" + held + "))) AS position" : "");
          case ENTRIES -> "unnest(map_entries(" + held + ")) AS x";
          case RECORD -> throw new IllegalStateException("a record has no parent");
        };
    List<String> where = new ArrayList<>();
    if (table.shape() == Shape.OBJECTS) {
      where.add("x IS NOT NULL");
    }
    if (leavesOut) {
      carried.add("drops");
      columns.add("drops");
    }
    if (placed) {
      String place =
          parent == mapping.root()
              ? "CAST(position AS VARCHAR)"
              : PLACE + " || '.' || CAST(position AS VARCHAR)";
      if (parent != mapping.root()) {
        carried.add(PLACE);
      }
      columns.add(place + " AS " + PLACE);
      where.add("NOT contains(drops, '," + table.name() + "/' || " + place + " || ',')");
    }
    return "SELECT "
        + String.join(", ", columns)
        + " FROM (SELECT "
        + String.join(", ", carried)
        + ", "
        + unnested
        + " FROM "
        + parentRows
        + ")"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
  }

  private Table parentOf(Table child) {
    return mapping.tables().stream()
        .filter(t -> t.children().contains(child))
        .findFirst()
        .orElseThrow();
  }

  private String expression(Column c, String element) {
    return switch (c.source()) {
      case FIELD -> seen.has(c) ? fieldOf(c, element) : "CAST(NULL AS " + c.type().duckDb() + ")";
      case PARENT -> c.name();
      case POSITION -> "CAST(position AS INTEGER)";
      case ELEMENT -> "x";
      case ENTRY_NAME -> "x.key";
      case ENTRY_VALUE -> "x.value";
      case RAW -> "raw";
      case CONTENT_HASH -> "content_hash";
      case LOAD_TIME -> throw new IllegalStateException("not flattened: " + c.name());
    };
  }

  private static String fieldOf(Column c, String element) {
    StringBuilder path = new StringBuilder(element);
    for (String name : c.path().split("\\.")) {
      path.append('[').append(literal(name)).append(']');
    }
    return path.toString();
  }

  /** The {@code json_transform} structure of {@code table}'s element: the fields seen. */
  private static ObjectNode structure(Table table, FieldsSeen seen) {
    ObjectNode node = JSON.createObjectNode();
    for (Column c : table.flattenedColumns()) {
      if (c.source() == Source.FIELD && seen.has(c)) {
        put(node, c);
      }
    }
    for (Table child : table.children()) {
      if (!seen.has(child)) {
        continue;
      }
      switch (child.shape()) {
        case OBJECTS -> node.putArray(child.field()).add(elementStructure(child, seen));
        case STRINGS -> node.putArray(child.field()).add(elementType(child));
        case ENTRIES -> node.put(child.field(), "MAP(VARCHAR, " + elementType(child) + ")");
        case RECORD -> throw new IllegalStateException("a record is not a child");
      }
    }
    return node;
  }

  /**
   * The structure of an element of {@code child}: one field at least, since DuckDB refuses an empty
   * one, which a batch whose arrays were all empty ({@code "routingStatus": []}) would get.
   */
  private static ObjectNode elementStructure(Table child, FieldsSeen seen) {
    ObjectNode element = structure(child, seen);
    if (element.isEmpty()) {
      child.flattenedColumns().stream()
          .filter(c -> c.source() == Source.FIELD)
          .findFirst()
          .ifPresent(c -> put(element, c));
    }
    return element;
  }

  /** Puts {@code c}'s field, at its path, into a structure. */
  private static void put(ObjectNode node, Column c) {
    ObjectNode level = node;
    String[] path = c.path().split("\\.");
    for (int i = 0; i < path.length - 1; i++) {
      level = level.has(path[i]) ? (ObjectNode) level.get(path[i]) : level.putObject(path[i]);
    }
    level.put(path[path.length - 1], c.type().duckDb());
  }

  private static String elementType(Table child) {
    return child.flattenedColumns().stream()
        .filter(c -> c.source() == Source.ELEMENT || c.source() == Source.ENTRY_VALUE)
        .findFirst()
        .orElseThrow()
        .type()
        .duckDb();
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
