package dev.gcjobs.cli;

import dev.gcjobs.app.TableLoads;
import dev.gcjobs.app.TableLoads.LoadReport;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.tables.TablesException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code gcjobs export --to}: the finished export's records loaded into tables. */
final class ExportIntoTables {
  private ExportIntoTables() {}

  /**
   * Loads the export's output into {@code to}; loading again (the same command run again) changes
   * nothing that is already there.
   *
   * @return the exit code
   */
  static int load(
      Path output, String to, String schema, ExportKind kind, boolean quiet, PrintStream err) {
    try (LoadProgress progress =
        new LoadProgress(err, quiet, System.console() != null, size(output))) {
      LoadReport report =
          TableLoads.load(output, to, schema, kind.cliName(), System.getenv(), progress::read);
      progress.close();
      if (!quiet) {
        err.printf(
            "gcjobs export: loaded %,d %s into %s in %.1fs: %,d new, %,d changed, %,d unchanged%n",
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
            "gcjobs export: fields with no column, kept in raw: "
                + String.join(", ", report.unknownFields().keySet()));
      }
      return ExitCode.OK;
    } catch (TablesException e) {
      err.println(
          "gcjobs export: --to: "
              + e.getMessage()
              + "; the export is done: run the same command again to load it");
      return e.subject() == TablesException.Subject.DESTINATION ? ExitCode.USAGE : ExitCode.FAILURE;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // the load says what is wrong with the file
    }
  }
}
