package dev.gcjobs.tables;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where tables go, parsed once where the user names it: a DuckDB file ({@code NAME.duckdb} or
 * {@code duckdb:PATH}), a PostgreSQL database ({@code jdbc:postgresql://HOST:PORT/DB}), each with a
 * schema, or Parquet files in a directory ({@code parquet:DIR[?partition=day]}). The PostgreSQL
 * user and password may also come from {@code GCJOBS_PG_USER} and {@code GCJOBS_PG_PASSWORD};
 * {@link #toString()} never shows a password.
 */
public final class TableTarget {
  /** The schema of a PostgreSQL destination unless one is given. */
  public static final String DEFAULT_POSTGRES_SCHEMA = "genesys";

  /** The schema of a DuckDB file unless one is given: DuckDB's own default. */
  public static final String DEFAULT_DUCKDB_SCHEMA = "main";

  /** The variables the PostgreSQL login may come from. */
  public static final String PG_USER = "GCJOBS_PG_USER";

  public static final String PG_PASSWORD = "GCJOBS_PG_PASSWORD";

  private static final String DUCKDB_PREFIX = "duckdb:";
  private static final String PARQUET_PREFIX = "parquet:";
  private static final String BY_DAY = "?partition=day";

  /** Where a Parquet destination keeps its tables between runs, inside its directory. */
  static final String PARQUET_STAGING = ".gcjobs-tables.duckdb";

  private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final Path duckDbFile;
  private final String postgresUrl;
  private final String schema;
  private final String user;
  private final String password;
  private final Path parquetDir;
  private final boolean byDay;

  private TableTarget(
      Path duckDbFile,
      String postgresUrl,
      String schema,
      String user,
      String password,
      Path parquetDir,
      boolean byDay) {
    this.duckDbFile = duckDbFile;
    this.postgresUrl = postgresUrl;
    this.schema = schema;
    this.user = user;
    this.password = password;
    this.parquetDir = parquetDir;
    this.byDay = byDay;
  }

  /**
   * Reads a destination as users write it.
   *
   * @param schema the schema asked for, or null for the default of the destination's kind
   * @param env where {@code GCJOBS_PG_USER} and {@code GCJOBS_PG_PASSWORD} are read
   * @throws TablesException (subject {@code DESTINATION}) naming what is wrong with it
   */
  public static TableTarget parse(String spec, String schema, Map<String, String> env) {
    if (spec == null || spec.isBlank()) {
      throw invalid(
          "give a DuckDB file (NAME.duckdb or duckdb:PATH), a PostgreSQL URL"
              + " (jdbc:postgresql://HOST:PORT/DB) or parquet:DIR");
    }
    String lower = schema == null ? null : schema.toLowerCase(Locale.ROOT);
    if (lower != null && (lower.startsWith("pg_") || lower.equals("information_schema"))) {
      throw new TablesException(
          TablesException.Subject.SCHEMA,
          "'" + schema + "' is a system schema of the database; name a schema of your own");
    }
    if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
      throw new TablesException(
          TablesException.Subject.SCHEMA,
          "'"
              + schema
              + "' is not a schema name: use letters, digits and _ (not first), up to 63"
              + " characters");
    }
    if (spec.startsWith(POSTGRES_PREFIX)) {
      checkPostgresUrl(spec);
      return new TableTarget(
          null,
          spec,
          schema == null ? DEFAULT_POSTGRES_SCHEMA : schema.toLowerCase(Locale.ROOT),
          env.get(PG_USER),
          env.get(PG_PASSWORD),
          null,
          false);
    }
    if (spec.startsWith(PARQUET_PREFIX)) {
      return parquet(spec);
    }
    String path;
    if (spec.startsWith(DUCKDB_PREFIX)) {
      path = spec.substring(DUCKDB_PREFIX.length());
    } else if (spec.toLowerCase(Locale.ROOT).endsWith(".duckdb")) {
      path = spec;
    } else {
      throw invalid(
          PostgresDestination.safeUrl(spec) // a mistyped URL may hold a password
              + ": not a table destination; give a DuckDB file (NAME.duckdb or duckdb:PATH), a"
              + " PostgreSQL URL (jdbc:postgresql://HOST:PORT/DB) or parquet:DIR");
    }
    if (path.isBlank()) {
      throw invalid(spec + ": give the DuckDB file's path after duckdb:");
    }
    try {
      return new TableTarget(
          Path.of(path).toAbsolutePath().normalize(),
          null,
          schema == null ? DEFAULT_DUCKDB_SCHEMA : schema.toLowerCase(Locale.ROOT),
          null,
          null,
          null,
          false);
    } catch (InvalidPathException e) {
      throw invalid(spec + ": not a file path (" + e.getReason() + ")");
    }
  }

  /**
   * {@code parquet:DIR}, or {@code parquet:DIR?partition=day}: one Parquet file per table (or one
   * directory per table, a folder per day), rewritten from tables kept in DIR between runs.
   */
  private static TableTarget parquet(String spec) {
    String rest = spec.substring(PARQUET_PREFIX.length());
    boolean byDay = rest.endsWith(BY_DAY);
    String path = byDay ? rest.substring(0, rest.length() - BY_DAY.length()) : rest;
    if (path.isBlank() || path.contains("?")) {
      throw invalid(
          spec + ": write parquet:DIR, or parquet:DIR?partition=day for a folder per day");
    }
    try {
      Path dir = Path.of(path).toAbsolutePath().normalize();
      return new TableTarget(
          dir.resolve(PARQUET_STAGING), null, DEFAULT_DUCKDB_SCHEMA, null, null, dir, byDay);
    } catch (InvalidPathException e) {
      throw invalid(spec + ": not a directory path (" + e.getReason() + ")");
    }
  }

  /** Refuses the forms of URL the PostgreSQL driver misreads, which it would quote in errors. */
  private static void checkPostgresUrl(String url) {
    int settings = url.indexOf('?');
    String base = settings < 0 ? url : url.substring(0, settings);
    int host = url.indexOf("//") + 2;
    int path = url.indexOf('/', host);
    int login = url.indexOf('@', host);
    // A login before the host's path, or before the settings: a password may hold / or ?.
    if (base.contains("@") || (login >= 0 && (path < 0 || login < path))) {
      throw invalid(
          PostgresDestination.safeUrl(url)
              + ": give the user and password in GCJOBS_PG_USER and GCJOBS_PG_PASSWORD (or as"
              + " ?user=...&password=...), not before the host");
    }
    if (base.contains(";")) {
      throw invalid(
          PostgresDestination.safeUrl(url)
              + ": settings go after ?, joined by & (jdbc:postgresql://HOST:PORT/DB?sslmode=require),"
              + " not after ;");
    }
  }

  private static TablesException invalid(String message) {
    return new TablesException(TablesException.Subject.DESTINATION, message);
  }

  /**
   * Whether the tables go into a DuckDB file (Parquet files are written from one; else PostgreSQL).
   */
  public boolean isDuckDb() {
    return duckDbFile != null;
  }

  /** The DuckDB file, or null for PostgreSQL. */
  public Path duckDbFile() {
    return duckDbFile;
  }

  public String schema() {
    return schema;
  }

  /** A destination for these tables, not yet open. */
  public TableDestination destination(Clock clock) {
    if (parquetDir != null) {
      return new ParquetDestination(
          new DuckDbDestination(duckDbFile, schema, clock), duckDbFile, parquetDir, byDay);
    }
    if (isDuckDb()) {
      return new DuckDbDestination(duckDbFile, schema, clock);
    }
    return new PostgresDestination(postgresUrl, schema, user, password, clock);
  }

  /** The destination as users may show it: the file, or the URL without settings or password. */
  @Override
  public String toString() {
    if (parquetDir != null) {
      return PARQUET_PREFIX + parquetDir + (byDay ? BY_DAY : "");
    }
    return isDuckDb() ? duckDbFile.toString() : PostgresDestination.safeUrl(postgresUrl);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableTarget other
        && Objects.equals(duckDbFile, other.duckDbFile)
        && Objects.equals(postgresUrl, other.postgresUrl)
        && schema.equals(other.schema)
        && byDay == other.byDay;
  }

  @Override
  public int hashCode() {
    return Objects.hash(duckDbFile, postgresUrl, schema);
  }
}
