package dev.gcjobs.cli;

import dev.gcjobs.app.ExportTablesLoad;
import dev.gcjobs.app.TableLoads.LoadReport;
import dev.gcjobs.tables.TablesException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code gcjobs export --to}: what is left to load once the export is done (its pages were loaded
 * as they came), and the load's report.
 */
final class ExportIntoTables {
  private ExportIntoTables() {}

  /**
   * Loads what the pages loaded so far do not hold of the export's output; loading again (the same
   * command run again) changes nothing that is already there.
   *
   * @return the exit code
   */
  static int finish(ExportTablesLoad tablesLoad, Path output, boolean quiet, PrintStream err) {
    try (LoadProgress progress =
        new LoadProgress(err, quiet, System.console() != null, tablesLoad.rest(output))) {
      LoadReport report = tablesLoad.finish(output, progress::read);
      progress.close();
      if (!quiet) {
        err.printf(
            "gcjobs export: loaded %,d %s into %s, the last in %.1fs after the export:"
                + " %,d new, %,d changed, %,d unchanged%n",
            report.records(),
            report.kind(),
            report.destination(),
            report.elapsed().toMillis() / 1000.0,
            report.inserted(),
            report.changed(),
            report.unchanged());
      }
      if (!report.unknownFields().isEmpty()) {
        err.println(
            "gcjobs export: kept in raw only, not in the tables: "
                + String.join(", ", report.unknownFields().keySet()));
      }
      return ExitCode.OK;
    } catch (TablesException e) {
      boolean schema = e.subject() == TablesException.Subject.SCHEMA;
      err.println(
          "gcjobs export: "
              + (schema ? "--schema: " : "--to: ")
              + e.getMessage()
              + "; the export is done: run the same command again to load it");
      return schema || e.subject() == TablesException.Subject.DESTINATION
          ? ExitCode.USAGE
          : ExitCode.FAILURE;
    }
  }
}
