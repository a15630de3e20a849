package dev.gcjobs.cli;

import dev.gcjobs.app.GenesysConnection;
import dev.gcjobs.engine.ExportDetails;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.engine.Exports;
import dev.gcjobs.engine.JobCanceller;
import dev.gcjobs.genesys.GenesysAuthException;
import dev.gcjobs.genesys.GenesysConfigException;
import dev.gcjobs.store.StoreException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gcjobs exports cancel ID}: stops a running export and cancels its Genesys jobs, when
 * Genesys credentials are configured; without them, in the store only.
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Cancels a running export: its chunks stop, and its running Genesys jobs are cancelled when"
          + " credentials are configured (flags or GENESYS_* variables); without them the export"
          + " is cancelled in the store and its jobs expire by themselves. A finished export stays"
          + " as it is. Running the export's command again goes on with it: finished chunks are"
          + " kept, cancelled ones start over.",
    })
public final class ExportsCancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "ID",
      description = "The export id, or its first characters (at least 4) when they are unique.")
  String id;

  @Option(names = "--json", description = "Print the export's state as JSON afterwards.")
  boolean json;

  @Mixin StoreOptions store;
  @Mixin GenesysOptions genesys;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // With --json, stdout carries only the JSON.
    PrintWriter said = json ? err : out;
    Logging.engineEvents(false, false);
    if (genesys.emulator) {
      err.println(
          "gcjobs exports cancel: --emulator: the jobs of an --emulator export lived in that run's"
              + " emulator and are gone with it; cancel without --emulator");
      return ExitCode.USAGE;
    }
    ExportStatus before;
    long running;
    try (StoredExports stored = StoredExports.open(store)) {
      before = stored.resolve(id);
      running = runningJobs(stored.catalog().details(before.id()).orElseThrow());
    } catch (StoredExports.UnknownExport | StoreException e) {
      err.println("gcjobs exports cancel: " + StoreOptions.describe(e));
      return ExitCode.USAGE;
    }
    if (before.state().isFinal()) {
      said.println(
          "export " + before.id() + " is already " + before.state() + "; nothing to cancel");
      printJson(before, out);
      return ExitCode.OK;
    }
    // Log in only when there are jobs to cancel; a store-only cancel needs no credentials.
    GenesysConnection connection = null;
    try {
      JobCanceller canceller = JobCanceller.NONE;
      String whyNotCancelled = null;
      if (running > 0 && genesys.configured()) {
        connection = genesys.connect(new SimpleMeterRegistry());
        try {
          connection.logIn();
          canceller = connection.jobCanceller();
        } catch (GenesysAuthException e) {
          whyNotCancelled = "could not log in to Genesys to cancel them: " + e.getMessage();
        }
      } else {
        whyNotCancelled =
            "no Genesys credentials are configured (--domain, --client-id, --client-secret or"
                + " GENESYS_* variables)";
      }
      ExportStatus after;
      // Closing waits until the job cancellations are sent.
      try (StoredExports stored = StoredExports.open(store);
          Exports exports = stored.store().exports(canceller)) {
        after = exports.cancel(before.id()).orElseThrow();
      }
      if (after.state() != ExportStatus.State.CANCELLED) {
        // It ended on its own in the meantime.
        said.println(
            "export " + after.id() + " is already " + after.state() + "; nothing to cancel");
      } else {
        said.println(
            "cancelled export " + after.id() + " (" + ExportText.progress(after.progress()) + ")");
        if (running > 0) {
          said.println(
              whyNotCancelled == null
                  ? "asked Genesys to cancel its " + running + " running job(s)"
                  : "its "
                      + running
                      + " running Genesys job(s) will expire by themselves; "
                      + whyNotCancelled);
        }
      }
      printJson(after, out);
      return ExitCode.OK;
    } catch (GenesysConfigException | StoreException e) {
      err.println("gcjobs exports cancel: " + StoreOptions.describe(e));
      return ExitCode.USAGE;
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
  }

  private void printJson(ExportStatus status, PrintWriter out) {
    if (json) {
      out.println(ExportJson.status(status).toPrettyString());
    }
  }

  private static long runningJobs(ExportDetails export) {
    return export.chunks().stream().filter(c -> c.jobId() != null && !c.finished()).count();
  }
}
