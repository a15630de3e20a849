package dev.gcjobs.tables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements that move a staged batch into the tables, the same for DuckDB and PostgreSQL: find
 * the records that are new or whose content hash changed, delete the rows those replace, insert
 * theirs from the stage, then empty the stage. Unchanged records are never touched.
 */
final class MergeSql {
  /** The session's list of records in the batch that are new or changed. */
  static final String CHANGED = "gcjobs_changed";

  private final TableMapping mapping;
  private final String schema;

  /**
   * @param schema the schema of the tables, a plain identifier
   */
  MergeSql(TableMapping mapping, String schema) {
    this.mapping = mapping;
    this.schema = schema;
  }

  /** The table's name qualified by the schema. */
  String target(Table table) {
    return quoted(schema) + "." + table.name();
  }

  /**
   * A schema's name quoted, so that one that is an SQL keyword ({@code order}, {@code user}) still
   * names it; the names taken are lowercase letters, digits and {@code _}, so nothing else changes.
   */
  static String quoted(String schema) {
    return '"' + schema + '"';
  }

  static String stage(Table table) {
    return "gcjobs_stage_" + table.name();
  }

  String createChanged(SqlDialect dialect) {
    return "CREATE TEMP TABLE "
        + CHANGED
        + " (id "
        + dialect.type(ColumnType.TEXT)
        + ", is_new BOOLEAN, first_loaded_at "
        + dialect.type(ColumnType.TIMESTAMPTZ)
        + ")";
  }

  /**
   * Lists the new and changed records of the batch (a record marked deleted and seen again too),
   * from {@code batch}: a table of the batch's ids (in a column named as the top-level table's) and
   * content hashes.
   */
  String findChanged(String batch) {
    Table root = mapping.root();
    String id = mapping.idColumn().name();
    String changed = "t.content_hash <> s.content_hash";
    if (!mapping.kind().replacesChildren() && mapping.tables().size() > 1) {
      changed += " AND s." + id + " IN (" + withNewRows() + ")";
    }
    return "INSERT INTO "
        + CHANGED
        + " SELECT s."
        + id
        + ", t."
        + id
        + " IS NULL, t.first_loaded_at FROM "
        + batch
        + " s LEFT JOIN "
        + target(root)
        + " t ON t."
        + id
        + " = s."
        + id
        + " WHERE t."
        + id
        + " IS NULL OR ("
        + changed
        + ") OR t.deleted_at IS NOT NULL";
  }

  /**
   * The ids of the staged records with a child row the tables do not hold as it is: for a kind
   * whose child rows are upserted by key, a record is changed only if it changes a row. A user's
   * record of another interval differs from the one loaded before it, but its rows may all be known
   * already (a reload, or the next sync cycle over the same days).
   */
  private String withNewRows() {
    String id = mapping.idColumn().name();
    List<String> selects = new ArrayList<>();
    for (Table table : mapping.tables()) {
      if (table == mapping.root()) {
        continue;
      }
      List<String> columns = table.flattenedColumns().stream().map(Column::name).toList();
      // Against the rows held under the staged keys only: a user's rows of other intervals are
      // many.
      selects.add(
          "SELECT "
              + id
              + " FROM (SELECT "
              + String.join(", ", columns)
              + " FROM "
              + stage(table)
              + " EXCEPT SELECT "
              + columns.stream().map(c -> "t." + c).collect(Collectors.joining(", "))
              + " FROM "
              + target(table)
              + " t JOIN "
              + stage(table)
              + " k ON "
              + sameKey(table, "t", "k")
              + ") "
              + table.name());
    }
    return String.join(" UNION ", selects);
  }

  /**
   * Each staged record's id, with whether it is new (true), changed (false) or unchanged (null):
   * after {@link #findChanged}, before {@link #clear}.
   */
  String listOutcomes() {
    String id = mapping.idColumn().name();
    return "SELECT s."
        + id
        + ", c.is_new FROM "
        + stage(mapping.root())
        + " s LEFT JOIN "
        + CHANGED
        + " c ON c.id = s."
        + id;
  }

  /** The condition that rows {@code a} and {@code b} of {@code table} have the same key. */
  private static String sameKey(Table table, String a, String b) {
    return table.keyColumns().stream()
        .map(c -> a + "." + c.name() + " = " + b + "." + c.name())
        .collect(Collectors.joining(" AND "));
  }

  /** The ids of the new and changed records, each with when it was first loaded (null if new). */
  String listChanged() {
    return "SELECT id, first_loaded_at FROM " + CHANGED;
  }

  /** How many of the changed records are new, and how many replace rows. */
  String countChanged() {
    return "SELECT COALESCE(SUM(CASE WHEN is_new THEN 1 ELSE 0 END), 0),"
        + " COALESCE(SUM(CASE WHEN is_new THEN 0 ELSE 1 END), 0) FROM "
        + CHANGED;
  }

  /**
   * Deletes the rows the changed records replace: for a kind that replaces children, every row of a
   * changed record that existed before; otherwise the rows with a key staged again.
   */
  List<String> deleteReplaced() {
    List<String> statements = new ArrayList<>();
    String id = mapping.idColumn().name();
    String existing = " IN (SELECT id FROM " + CHANGED + " WHERE NOT is_new)";
    for (Table table : mapping.tables()) {
      if (table == mapping.root() || mapping.kind().replacesChildren()) {
        statements.add("DELETE FROM " + target(table) + " WHERE " + id + existing);
      } else {
        statements.add(
            "DELETE FROM "
                + target(table)
                + " AS t USING "
                + stage(table)
                + " AS s WHERE "
                + sameKey(table, "t", "s")
                + " AND s."
                + id
                + existing);
      }
    }
    return statements;
  }

  /** Inserts the rows of the changed records, per table in the mapping's order. */
  List<String> insertChanged(Instant now) {
    List<String> statements = new ArrayList<>();
    String id = mapping.idColumn().name();
    String at = instant(now);
    for (Table table : mapping.tables()) {
      List<String> columns = table.flattenedColumns().stream().map(Column::name).toList();
      String names = String.join(", ", columns);
      if (table == mapping.root()) {
        statements.add(
            "INSERT INTO "
                + target(table)
                + " ("
                + names
                + ", first_loaded_at, last_changed_at, deleted_at, last_seen_at) SELECT "
                + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "))
                + ", COALESCE(c.first_loaded_at, "
                + at
                + "), "
                + at
                + ", NULL, "
                + at
                + " FROM "
                + stage(table)
                + " s JOIN "
                + CHANGED
                + " c ON c.id = s."
                + id);
      } else {
        statements.add(
            "INSERT INTO "
                + target(table)
                + " ("
                + names
                + ") SELECT "
                + names
                + " FROM "
                + stage(table)
                + " WHERE "
                + id
                + " IN (SELECT id FROM "
                + CHANGED
                + ")");
      }
    }
    return statements;
  }

  /**
   * Stamps the batch's unchanged records (their ids in the table {@code batchIds}) as seen at
   * {@code now} (the new and changed ones were inserted with it), so that a later {@link #gone}
   * knows they are still in Genesys.
   */
  String markSeen(Instant now, String batchIds) {
    Table root = mapping.root();
    String id = mapping.idColumn().name();
    return "UPDATE "
        + target(root)
        + " SET last_seen_at = "
        + instant(now)
        + " WHERE "
        + id
        + " IN (SELECT "
        + id
        + " FROM "
        + batchIds
        + ") AND "
        + id
        + " NOT IN (SELECT id FROM "
        + CHANGED
        + ")";
  }

  /**
   * The records of the top-level table that lived during {@code [start, end)} (a job for that
   * interval returns them) and were not seen by a load stamped {@code now}: gone from Genesys.
   * Empty for a kind whose records have no lifetime.
   */
  String gone(Instant start, Instant end, Instant now) {
    RecordKind kind = mapping.kind();
    if (kind.startColumn() == null) {
      return null;
    }
    return "SELECT "
        + mapping.idColumn().name()
        + " FROM "
        + target(mapping.root())
        + " WHERE deleted_at IS NULL AND (last_seen_at IS NULL OR last_seen_at < "
        + instant(now)
        + ") AND "
        + kind.startColumn()
        + " < "
        + instant(end)
        + " AND ("
        + kind.endColumn()
        + " IS NULL OR "
        + kind.endColumn()
        + " >= "
        + instant(start)
        + ")";
  }

  /** Marks the records {@code goneIds} selects deleted at {@code now}; their rows stay. */
  String markDeleted(String goneIds, Instant now) {
    return "UPDATE "
        + target(mapping.root())
        + " SET deleted_at = "
        + instant(now)
        + " WHERE "
        + mapping.idColumn().name()
        + " IN ("
        + goneIds
        + ")";
  }

  /** Removes the rows of the records {@code goneIds} selects, children first. */
  List<String> purge(String goneIds) {
    List<String> statements = new ArrayList<>();
    String id = mapping.idColumn().name();
    List<Table> tables = new ArrayList<>(mapping.tables());
    Collections.reverse(tables);
    String ids = " IN (SELECT " + id + " FROM (" + goneIds + ") gone)";
    for (Table table : tables) {
      statements.add("DELETE FROM " + target(table) + " WHERE " + id + ids);
    }
    return statements;
  }

  /**
   * Counts, among the top-level records, those a load stamped {@code now} inserted, replaced, saw
   * unchanged, and marked deleted.
   */
  String countAt(Instant now) {
    String at = instant(now);
    return "SELECT COALESCE(SUM(CASE WHEN first_loaded_at = "
        + at
        + " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN last_changed_at = "
        + at
        + " AND first_loaded_at < "
        + at
        + " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN last_seen_at = "
        + at
        + " AND last_changed_at < "
        + at
        + " THEN 1 ELSE 0 END), 0) FROM "
        + target(mapping.root());
  }

  private static String instant(Instant at) {
    return "CAST('" + at + "' AS TIMESTAMPTZ)";
  }

  /** Empties the stage and the list of changed records for the next batch. */
  List<String> clear() {
    List<String> statements = new ArrayList<>();
    for (Table table : mapping.tables()) {
      statements.add("TRUNCATE " + stage(table));
    }
    statements.add("TRUNCATE " + CHANGED);
    return statements;
  }
}
