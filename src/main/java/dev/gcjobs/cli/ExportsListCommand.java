package dev.gcjobs.cli;

import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.store.StoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gcjobs exports list}: the exports in the store, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Lists exports, newest first: id, state, kind, interval, progress, created.")
public final class ExportsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description = "Only exports in this state: ${COMPLETION-CANDIDATES}.")
  ExportStatus.State state;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most N exports (1..500, default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description = "Continue after a previous listing (its nextCursor, shown when more exist).")
  String cursor;

  @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
  boolean json;

  @Mixin StoreOptions store;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (StoredExports stored = StoredExports.open(store)) {
      ExportListing listing = stored.catalog().list(state, limit, cursor);
      if (json) {
        out.println(ExportJson.listing(listing).toPrettyString());
        return ExitCode.OK;
      }
      if (listing.exports().isEmpty()) {
        out.println(
            "no exports" + (state == null ? "" : " in state " + state) + " in " + stored.where());
        return ExitCode.OK;
      }
      TextTable table = new TextTable("ID", "STATE", "KIND", "INTERVAL", "PROGRESS", "CREATED");
      for (ExportStatus e : listing.exports()) {
        table.row(
            e.id(),
            e.state(),
            e.kind().cliName(),
            ExportText.interval(e.interval()),
            ExportText.progress(e.progress()),
            e.createdAt());
      }
      table.print(out);
      if (listing.nextCursor() != null) {
        out.println("more: gcjobs exports list --cursor " + listing.nextCursor());
      }
      return ExitCode.OK;
    } catch (InvalidRequest e) {
      err.println("gcjobs exports list: --" + e.field() + ": " + e.getMessage());
      return ExitCode.USAGE;
    } catch (StoreException e) {
      err.println("gcjobs exports list: " + StoreOptions.describe(e));
      return ExitCode.USAGE;
    }
  }
}
