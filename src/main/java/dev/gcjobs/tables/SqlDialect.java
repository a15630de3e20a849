package dev.gcjobs.tables;

import java.util.stream.Collectors;

/** How DuckDB and PostgreSQL differ in the tables' DDL. */
enum SqlDialect {
  /**
   * Keys are kept by the load (a record's rows are deleted before they are inserted again) and not
   * declared: DuckDB's key indexes slow bulk inserts and its scans need none.
   */
  DUCKDB,
  /** Keys declared: the primary key indexes also find a record's child rows to replace. */
  POSTGRES;

  String type(ColumnType type) {
    return this == DUCKDB ? type.duckDb() : type.postgres();
  }

  /** {@code CREATE TABLE IF NOT EXISTS} for {@code table}, named {@code name}. */
  String createTable(String name, Table table) {
    String columns =
        table.columns().stream()
            .map(c -> c.name() + " " + type(c.type()) + compression(c))
            .collect(Collectors.joining(", "));
    String key =
        this == POSTGRES
            ? ", PRIMARY KEY ("
                + table.keyColumns().stream().map(Column::name).collect(Collectors.joining(", "))
                + ")"
            : "";
    return "CREATE TABLE IF NOT EXISTS " + name + " (" + columns + key + ")";
  }

  /**
   * DuckDB stores each record's whole JSON with zstd: the documents are large and each one
   * different, so its default string compression spends time finding little to share.
   */
  private String compression(Column c) {
    return this == DUCKDB && c.source() == Column.Source.RAW ? " USING COMPRESSION zstd" : "";
  }

  /** The staging table of {@code table}: its flattened columns, no key, private to the session. */
  String createStage(Table table) {
    String columns =
        table.flattenedColumns().stream()
            .map(c -> c.name() + " " + type(c.type()))
            .collect(Collectors.joining(", "));
    return "CREATE TEMP TABLE " + MergeSql.stage(table) + " (" + columns + ")";
  }
}
