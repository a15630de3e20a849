package dev.gcjobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gcjobs.app.ExportStore;
import dev.gcjobs.app.GenesysConnection;
import dev.gcjobs.engine.AvailabilityUnknown;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.engine.SeriesQuery;
import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.store.StoreException;
import dev.gcjobs.sync.CycleSummary;
import dev.gcjobs.sync.SyncBusy;
import dev.gcjobs.sync.SyncConflict;
import dev.gcjobs.sync.SyncDefinition;
import dev.gcjobs.sync.Syncs;
import dev.gcjobs.tables.TablesException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gcjobs sync}: keeps tables equal to Genesys, one cycle or one every so often. Running the
 * same command again resumes the sync where it stopped.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Keeps tables equal to Genesys: each cycle reads Genesys' data availability (the"
          + " watermark), exports the new window and re-reads the settle window behind it, then"
          + " inserts new records, replaces changed ones and marks deleted_at on the ones gone."
          + " Killed or stopped? Run the same command again: it resumes.",
      "Exit codes: 0 done, 1 a cycle failed (the watermark stays; the next cycle reads the same"
          + " window), 2 bad input, 3 authentication, 130 interrupted."
    })
public final class SyncCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DEST",
      description =
          "The tables to keep current: FILE.duckdb (or duckdb:PATH), or"
              + " jdbc:postgresql://HOST:PORT/DB (user and password also from GCJOBS_PG_USER,"
              + " GCJOBS_PG_PASSWORD), or parquet:DIR[?partition=day].")
  String to;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description = "The schema of the tables (default genesys on PostgreSQL, main in DuckDB).")
  String schema;

  @Option(
      names = "--since",
      required = true,
      paramLabel = "START",
      description = "Where the copy starts: a date (2024-01-01, UTC) or an instant.")
  String since;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "conversations",
      description = "conversations or users (default ${DEFAULT-VALUE}).")
  String kind;

  @Option(
      names = "--filter",
      paramLabel = "FILTER",
      description = "Repeatable; as gcjobs export --filter.")
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--query",
      paramLabel = "FILE",
      description = "A raw query JSON file without an interval; as gcjobs export --query.")
  Path query;

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How far behind availability each cycle re-reads (default 72h: Genesys rewrites"
              + " conversations 48 to 72 hours old).")
  Duration settle;

  @ArgGroup(exclusive = true)
  Cadence cadence = new Cadence();

  static final class Cadence {
    @Option(
        names = "--every",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = "Run a cycle every DURATION (e.g. 15m) until stopped (Ctrl-C, SIGTERM).")
    Duration every;

    @Option(names = "--once", description = "Run one cycle and exit (the default).")
    boolean once;
  }

  @Option(
      names = "--reconcile",
      description =
          "Make the first cycle a reconcile: re-read the whole history from --since and mark"
              + " what Genesys deleted or changed since.")
  boolean reconcile;

  @Option(
      names = "--reconcile-every",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often a cycle re-reads the whole history (default 7d).")
  Duration reconcileEvery;

  @Option(
      names = "--purge-deleted",
      description = "Remove the rows of records gone from Genesys instead of setting deleted_at.")
  boolean purgeDeleted;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output; errors and failed cycles only.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log every job lifecycle event.")
  boolean verbose;

  @Option(
      names = "--summary-json",
      paramLabel = "FILE",
      description = "Write each cycle's summary as JSON to FILE (the last cycle's stays).")
  Path summaryJson;

  @Mixin GenesysOptions genesys;
  @Mixin StoreOptions store;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    Logging.engineEvents(verbose, quiet);
    SyncDefinition.Builder definition;
    try {
      definition = definition();
    } catch (InvalidRequest e) {
      err.println("gcjobs sync: " + flagOf(e.field()) + ": " + e.getMessage());
      return ExitCode.USAGE;
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (GenesysConnection connection = genesys.connect(registry);
        ExportStore exportStore = store.open()) {
      Engine engine = exportStore.engine(connection, exportStore.defaultEngineSettings());
      ExportStore.SyncsInto into =
          exportStore.syncsInto(
              engine, to, schema, kind, System.getenv(), () -> RunStats.of(registry).requests());
      Syncs syncs = into.syncs();
      String id =
          syncs.define(definition.destination(into.destination()).build()).definition().id();
      return new SyncRun(syncs, id, engine, registry, err, quiet, summaryJson)
          .run(cadence.every, reconcile);
    } catch (GenesysException | StoreException | AvailabilityUnknown e) {
      return ConnectionFailures.report("gcjobs sync", e, err);
    } catch (InvalidRequest e) {
      err.println("gcjobs sync: " + flagOf(e.field()) + ": " + e.getMessage());
      return ExitCode.USAGE;
    } catch (TablesException e) {
      err.println("gcjobs sync: " + TablesFlags.of(e) + e.getMessage());
      return e.subject() == TablesException.Subject.NONE ? ExitCode.FAILURE : ExitCode.USAGE;
    } catch (SyncConflict e) {
      err.println(
          "gcjobs sync: --to: "
              + e.getMessage()
              + "; give the same --since and filters to go on with it, or another --to.");
      return ExitCode.USAGE;
    } catch (SyncBusy e) {
      err.println(
          "gcjobs sync: "
              + e.getMessage()
              + "; it goes on there (or, if that process died, here within a minute).");
      return ExitCode.FAILURE;
    }
  }

  private SyncDefinition.Builder definition() {
    JsonNode raw = query == null ? null : ExportCommand.readQuery(query);
    return SyncDefinition.builder()
        .kind(ExportKind.fromCliName(kind))
        .query(SeriesQuery.of(kind, filters, raw))
        .since(parseSince(since))
        .settle(settle)
        .reconcileEvery(reconcileEvery)
        .every(cadence.every)
        .purgeDeleted(purgeDeleted);
  }

  static Instant parseSince(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidRequest(
            "since",
            "'" + text + "' is neither a date (2024-01-01) nor an instant (2024-01-01T00:00:00Z)");
      }
    }
  }

  private static String flagOf(String field) {
    if (field == null) {
      return "input";
    }
    return switch (field) {
      case "since", "kind", "query", "settle", "every" -> "--" + field;
      case "reconcileEvery" -> "--reconcile-every";
      case "destination" -> "--to";
      default ->
          field.startsWith("filters") ? "--filter" : field.startsWith("query") ? "--query" : field;
    };
  }

  /** Writes a cycle's summary as {@code --summary-json} asks. */
  static void writeSummary(Path file, CycleSummary summary) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(summary.toJson(JSON)) + "\n");
  }
}
