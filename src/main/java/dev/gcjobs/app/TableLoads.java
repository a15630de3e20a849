package dev.gcjobs.app;

import dev.gcjobs.tables.DuckDbQuery;
import dev.gcjobs.tables.LoadCounts;
import dev.gcjobs.tables.LoadResult;
import dev.gcjobs.tables.NdjsonLoad;
import dev.gcjobs.tables.RecordKind;
import dev.gcjobs.tables.TableDestination;
import dev.gcjobs.tables.TableMapping;
import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.tables.TablesException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Tables for the CLI: an NDJSON export loaded into a DuckDB file or PostgreSQL, and a query on a
 * DuckDB file. Failures are {@link dev.gcjobs.tables.TablesException}s, one line each.
 */
public final class TableLoads {
  private TableLoads() {}

  /**
   * What a load did.
   *
   * @param kind {@code conversations} or {@code users}
   * @param destination where the tables are (never a password)
   * @param inserted records new to the tables
   * @param changed records whose rows were replaced
   * @param unchanged records already there with the same content, skipped
   * @param rowsWritten per table, in the mapping's order
   * @param unknownFields what the tables do not hold (kept in {@code raw}): JSON paths they have no
   *     column for, values of the wrong type, elements left out for their key; with the number of
   *     records that had each
   * @param elapsed how long the load took
   */
  public record LoadReport(
      String kind,
      String destination,
      long inserted,
      long changed,
      long unchanged,
      Map<String, Long> rowsWritten,
      Map<String, Long> unknownFields,
      Duration elapsed) {

    /** What {@code result} did at {@code target}, in the time since {@code startNanos}. */
    static LoadReport of(LoadResult result, TableTarget target, long startNanos) {
      LoadCounts counts = result.counts();
      return new LoadReport(
          result.kind().cliName(),
          target.toString(),
          counts.inserted(),
          counts.changed(),
          counts.unchanged(),
          counts.rows(),
          result.unknownFields(),
          Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** The records read. */
    public long records() {
      return inserted + changed + unchanged;
    }
  }

  /**
   * Checks, before an export asks anything of Genesys, that {@code to} names a destination whose
   * tables for {@code kind} can be created and written.
   *
   * @throws dev.gcjobs.tables.TablesException (subject {@code DESTINATION}) saying what is wrong
   */
  public static void check(String to, String schema, String kind, Map<String, String> env) {
    TableTarget target = TableTarget.parse(to, schema, env);
    try (TableDestination destination = target.destination(Clock.systemUTC())) {
      destination.open(TableMapping.of(RecordKind.valueOf(kind.toUpperCase(Locale.ROOT))));
    }
  }

  /**
   * Loads {@code file} into the destination {@code to}.
   *
   * @param schema the schema, or null for the destination's default
   * @param kind {@code conversations}, {@code users}, or null to tell from the records
   * @param bytesRead told how many of the file's bytes were read so far
   * @throws dev.gcjobs.tables.TablesException saying what is wrong
   */
  public static LoadReport load(
      Path file,
      String to,
      String schema,
      String kind,
      Map<String, String> env,
      LongConsumer bytesRead) {
    TableTarget target = TableTarget.parse(to, schema, env);
    RecordKind recordKind = kind == null ? null : RecordKind.valueOf(kind.toUpperCase(Locale.ROOT));
    long start = System.nanoTime();
    LoadResult result;
    try (TableDestination destination = target.destination(Clock.systemUTC())) {
      result = new NdjsonLoad(file, recordKind, bytesRead).into(destination);
    }
    return LoadReport.of(result, target, start);
  }

  /**
   * Runs {@code sql} on the DuckDB file {@code file} (a path, or {@code duckdb:PATH} as {@code
   * --to} takes it), read-only, handing the answer to {@code answer} as it comes.
   *
   * @throws dev.gcjobs.tables.TablesException when the file cannot be opened or the query fails
   */
  public static void sql(String file, String sql, QueryAnswer answer) {
    if (file.startsWith("jdbc:") || file.startsWith("parquet:")) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          file.substring(0, file.indexOf(':') + 1)
              + "...: sql reads a DuckDB file; query PostgreSQL with its own client (psql), and"
              + " Parquet files from DuckDB (read_parquet)");
    }
    String path = file.startsWith("duckdb:") ? file.substring("duckdb:".length()) : file;
    Path resolved;
    try {
      resolved = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new TablesException(
          TablesException.Subject.DESTINATION, file + ": not a file path (" + e.getReason() + ")");
    }
    DuckDbQuery.run(
        resolved,
        sql,
        new DuckDbQuery.Answer() {
          @Override
          public void columns(List<String> names) {
            answer.columns(names);
          }

          @Override
          public boolean row(List<Object> values) {
            return answer.row(values);
          }
        });
  }

  /** Receives a query's answer as it comes; its values are those of {@link DuckDbQuery.Answer}. */
  public interface QueryAnswer {
    void columns(List<String> names);

    /** Returns whether to go on: false stops the query here. */
    boolean row(List<Object> values);
  }
}
