package dev.gcjobs.cli;

import dev.gcjobs.app.TableLoads;
import dev.gcjobs.app.TableLoads.LoadReport;
import dev.gcjobs.tables.TablesException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gcjobs load}: an NDJSON export into tables (DuckDB or PostgreSQL). */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Loads an NDJSON export (.ndjson or .ndjson.gz, from any gcjobs version) into typed tables:"
          + " a DuckDB file, a PostgreSQL schema or Parquet files. A record loaded again replaces its rows only if"
          + " its content changed; killed? Run the same command again.",
      "Exit codes: 0 done, 1 the destination failed while writing, 2 bad input (file, --to)."
    })
public final class LoadCommand implements Callable<Integer> {
  /** The kinds of records, as users write them. */
  enum Kind {
    conversations,
    users
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The NDJSON file, gzip or not; /dev/stdin reads a pipe.")
  Path file;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DEST",
      description =
          "Where the tables go: a DuckDB file (NAME.duckdb or duckdb:PATH, created if missing) or"
              + " jdbc:postgresql://HOST:PORT/DB (login also from GCJOBS_PG_USER and"
              + " GCJOBS_PG_PASSWORD), or parquet:DIR[?partition=day] (a Parquet file per"
              + " table).")
  String to;

  @Option(
      names = "--schema",
      paramLabel = "SCHEMA",
      description = "Schema of the tables (default: genesys in PostgreSQL, main in DuckDB).")
  String schema;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "conversations or users (default: told from the first record).")
  Kind kind;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Thread onInterrupt =
        new Thread(
            () -> {
              err.println(
                  "\ngcjobs load: interrupted; the batches it committed stay in the tables, and the"
                      + " same command again finishes the load");
              err.flush();
            },
            "gcjobs-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (LoadProgress progress =
        new LoadProgress(System.err, quiet, System.console() != null, size(file))) {
      LoadReport report =
          TableLoads.load(
              file, to, schema, kind == null ? null : kind.name(), System.getenv(), progress::read);
      progress.close();
      print(report, out);
      return ExitCode.OK;
    } catch (TablesException e) {
      err.println("gcjobs load: " + TablesFlags.of(e) + e.getMessage());
      return e.subject() == TablesException.Subject.NONE ? ExitCode.FAILURE : ExitCode.USAGE;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C came as the load ended: the hook says so
      }
    }
  }

  /** The file's size, or -1 when it has none to tell (a pipe). */
  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : -1;
    } catch (IOException e) {
      return 0; // the load says what is wrong with the file
    }
  }

  private static void print(LoadReport report, PrintWriter out) {
    out.printf(
        "%,d %s into %s in %.1fs: %,d new, %,d changed, %,d unchanged%n",
        report.records(),
        report.kind(),
        report.destination(),
        report.elapsed().toMillis() / 1000.0,
        report.inserted(),
        report.changed(),
        report.unchanged());
    TextTable tables = new TextTable("TABLE", "ROWS WRITTEN");
    report.rowsWritten().forEach((table, rows) -> tables.row(table, String.format("%,d", rows)));
    tables.print(out);
    if (!report.unknownFields().isEmpty()) {
      out.println("kept in raw only, not in the tables (see docs/tables.md):");
      TextTable unknown = new TextTable("PATH", "RECORDS");
      for (Map.Entry<String, Long> field : report.unknownFields().entrySet()) {
        unknown.row(field.getKey(), String.format("%,d", field.getValue()));
      }
      unknown.print(out);
    }
  }
}
