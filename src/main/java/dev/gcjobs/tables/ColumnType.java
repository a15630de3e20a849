package dev.gcjobs.tables;

/** The SQL type of a column, named the same way for DuckDB and PostgreSQL where they agree. */
public enum ColumnType {
  /** Ids, names, enum values. */
  TEXT("VARCHAR", "text"),
  /** An instant, stored with its time zone so no reader guesses it. */
  TIMESTAMPTZ("TIMESTAMPTZ", "timestamptz"),
  /** A position in an array. */
  INTEGER("INTEGER", "integer"),
  /** Durations in milliseconds, counts, metric values. */
  BIGINT("BIGINT", "bigint"),
  /** Scores such as MOS. */
  DOUBLE("DOUBLE", "double precision"),
  BOOLEAN("BOOLEAN", "boolean"),
  /** Arrays of scalars, and a record's whole JSON. */
  JSON("JSON", "jsonb");

  private final String duckDb;
  private final String postgres;

  ColumnType(String duckDb, String postgres) {
    this.duckDb = duckDb;
    this.postgres = postgres;
  }

  /** The type's name in DuckDB's DDL. */
  public String duckDb() {
    return duckDb;
  }

  /** The type's name in PostgreSQL's DDL. */
  public String postgres() {
    return postgres;
  }
}
