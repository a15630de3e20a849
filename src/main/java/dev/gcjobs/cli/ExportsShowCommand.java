package dev.gcjobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.engine.ExportDetails;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.store.StoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gcjobs exports show ID}: everything about one export, chunk by chunk. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Shows one export: its request, output, progress, error (with Genesys' own message and"
            + " contextId) and the state, job and progress of each chunk.")
public final class ExportsShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "ID",
      description = "The export id, or its first characters (at least 4) when they are unique.")
  String id;

  @Option(names = "--json", description = "Print JSON for scripts instead of text.")
  boolean json;

  @Mixin StoreOptions store;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (StoredExports stored = StoredExports.open(store)) {
      ExportStatus status = stored.resolve(id);
      ExportDetails details = stored.catalog().details(status.id()).orElseThrow();
      if (json) {
        out.println(ExportJson.details(details).toPrettyString());
      } else {
        print(details, out);
      }
      return ExitCode.OK;
    } catch (StoredExports.UnknownExport | StoreException e) {
      err.println("gcjobs exports show: " + StoreOptions.describe(e));
      return ExitCode.USAGE;
    }
  }

  private static void print(ExportDetails details, PrintWriter out) {
    ExportStatus s = details.status();
    JsonNode request = details.request();
    field(out, "export", s.id());
    field(out, "state", s.state());
    field(out, "kind", s.kind().cliName());
    field(out, "interval", ExportText.interval(s.interval()));
    field(out, "output", details.output().equals("-") ? "- (stdout)" : details.output());
    JsonNode query = request.path("query");
    field(out, "query", query.isMissingNode() || query.isEmpty() ? "(all records)" : query);
    field(
        out,
        "settings",
        "chunks of "
            + request.path("chunk").asText("?")
            + ", page size "
            + request.path("pageSize").asText("?")
            + ", concurrency "
            + request.path("concurrency").asText("?")
            + ", timeout "
            + request.path("timeout").asText("none"));
    field(
        out,
        "progress",
        ExportText.progress(s.progress()) + ", " + s.progress().pages() + " pages");
    field(out, "complete", ExportText.completeness(s));
    field(out, "created", s.createdAt());
    field(out, "updated", s.updatedAt());
    if (s.finishedAt() != null) {
      field(out, "finished", s.finishedAt());
    }
    if (details.deadlineAt() != null) {
      field(out, "deadline", details.deadlineAt());
    }
    if (s.nextCheckAt() != null) {
      field(out, "next step", s.nextCheckAt());
    }
    if (s.failure() != null) {
      field(out, "error", s.failure().code() + ": " + s.failure().message());
      if (s.failure().genesysMessage() != null) {
        field(out, "genesys", s.failure().genesysMessage());
      }
      if (s.failure().contextId() != null) {
        field(out, "contextId", s.failure().contextId());
      }
    }
    out.println();
    TextTable table =
        new TextTable(
            "CHUNK",
            "INTERVAL",
            "STATE",
            "JOB",
            "POLLS",
            "PAGES",
            "RECORDS",
            "RESUBMITS",
            "NEXT",
            "ERROR");
    for (ExportDetails.Chunk c : details.chunks()) {
      table.row(
          c.seq(),
          c.start() + "/" + c.end(),
          c.state(),
          c.jobId() == null ? "-" : c.jobId(),
          c.pollAttempts(),
          c.pages(),
          c.records(),
          c.resubmits(),
          // A stopped export runs no steps, whatever its chunks were waiting for.
          s.state().isFinal() || c.finished() || c.nextRunAt() == null ? "-" : c.nextRunAt(),
          c.error());
    }
    table.print(out);
  }

  private static void field(PrintWriter out, String name, Object value) {
    out.printf("%-10s %s%n", name, value);
  }
}
