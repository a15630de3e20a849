package dev.gcjobs.tables;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where tables go, parsed once where the user names it: a DuckDB file ({@code NAME.duckdb} or
 * {@code duckdb:PATH}) or a PostgreSQL database ({@code jdbc:postgresql://HOST:PORT/DB}), each with
 * a schema. The PostgreSQL user and password may also come from {@code GCJOBS_PG_USER} and {@code
 * GCJOBS_PG_PASSWORD}; {@link #toString()} never shows a password.
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
  private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final Path duckDbFile;
  private final String postgresUrl;
  private final String schema;
  private final String user;
  private final String password;

  private TableTarget(
      Path duckDbFile, String postgresUrl, String schema, String user, String password) {
    this.duckDbFile = duckDbFile;
    this.postgresUrl = postgresUrl;
    this.schema = schema;
    this.user = user;
    this.password = password;
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
          "give a DuckDB file (NAME.duckdb or duckdb:PATH) or a PostgreSQL URL"
              + " (jdbc:postgresql://HOST:PORT/DB)");
    }
    if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
      throw invalid(
          "schema '" + schema + "': use letters, digits and _ (not first), up to 63 characters");
    }
    if (spec.startsWith(POSTGRES_PREFIX)) {
      return new TableTarget(
          null,
          spec,
          schema == null ? DEFAULT_POSTGRES_SCHEMA : schema.toLowerCase(Locale.ROOT),
          env.get(PG_USER),
          env.get(PG_PASSWORD));
    }
    String path;
    if (spec.startsWith(DUCKDB_PREFIX)) {
      path = spec.substring(DUCKDB_PREFIX.length());
    } else if (spec.toLowerCase(Locale.ROOT).endsWith(".duckdb")) {
      path = spec;
    } else {
      throw invalid(
          spec
              + ": not a table destination; give a DuckDB file (NAME.duckdb or duckdb:PATH) or a"
              + " PostgreSQL URL (jdbc:postgresql://HOST:PORT/DB)");
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
          null);
    } catch (InvalidPathException e) {
      throw invalid(spec + ": not a file path (" + e.getReason() + ")");
    }
  }

  private static TablesException invalid(String message) {
    return new TablesException(TablesException.Subject.DESTINATION, message);
  }

  /** A destination for these tables, not yet open. */
  public TableDestination destination(Clock clock) {
    if (duckDbFile != null) {
      return new DuckDbDestination(duckDbFile, schema, clock);
    }
    return new PostgresDestination(postgresUrl, schema, user, password, clock);
  }

  /** The destination as users may show it: the file, or the URL without settings or password. */
  @Override
  public String toString() {
    return duckDbFile != null ? duckDbFile.toString() : PostgresDestination.safeUrl(postgresUrl);
  }
}
