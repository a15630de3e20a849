package dev.gcjobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.app.ExportStore;
import dev.gcjobs.app.ExportTablesLoad;
import dev.gcjobs.app.GenesysConnection;
import dev.gcjobs.app.TableLoads;
import dev.gcjobs.engine.AvailabilityUnknown;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.engine.IntervalParser;
import dev.gcjobs.engine.IntervalPastAvailability;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.engine.PollSchedule;
import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.store.StoreException;
import dev.gcjobs.tables.TablesException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gcjobs export}: runs one export to the end, durably. Running the same command again
 * resumes it.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Exports analytics detail records with asynchronous jobs: splits the interval into chunks,"
          + " submits a job per chunk, polls it, pages through its results and writes every record"
          + " exactly once. Killed or interrupted? Run the same command again: it resumes.",
      "Exit codes: 0 done, 1 other failure, 2 bad input, 3 authentication, 4 a Genesys job"
          + " failed, 5 --timeout passed, 130 interrupted."
    })
public final class ExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often the progress view reads the export's state. */
  private static final Duration REFRESH = Duration.ofMillis(250);

  @Option(
      names = "--interval",
      required = true,
      paramLabel = "INTERVAL",
      description =
          "ISO-8601 interval (2024-01-01T00:00:00Z/2024-02-01T00:00:00Z, 2024-01-01/P7D) or dates"
              + " (2024-01-01/2024-02-01, end exclusive); UTC unless --zone or an offset says"
              + " otherwise.")
  String interval;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "Time zone of dates and local times in --interval (default UTC).")
  String zone;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "conversations",
      description = "conversations or users (default ${DEFAULT-VALUE}).")
  String kind;

  @Option(
      names = "--filter",
      paramLabel = "FILTER",
      description =
          "Repeatable. DIM=VALUE (values of one dimension are OR-ed, dimensions AND-ed), 'DIM?'"
              + " (exists), '!DIM' (not exists). E.g. mediaType=voice, queueId=<id>,"
              + " divisionId=<id>.")
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--query",
      paramLabel = "FILE",
      description = "A raw AsyncConversationQuery / AsyncUserDetailsQuery JSON file.")
  Path query;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Output: FILE.ndjson, FILE.ndjson.gz (gzip) or - for stdout. Needed unless --to is"
              + " given.")
  String output;

  @Option(
      names = "--to",
      paramLabel = "DEST",
      description =
          "Also load the records into tables: FILE.duckdb (or duckdb:PATH), or"
              + " jdbc:postgresql://HOST:PORT/DB (login also from GCJOBS_PG_USER,"
              + " GCJOBS_PG_PASSWORD), or parquet:DIR[?partition=day]. Without -o the NDJSON"
              + " stays in the state directory, gzip-compressed.")
  String to;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description = "Schema of the --to tables (default genesys in PostgreSQL, main in DuckDB).")
  String schema;

  @Option(
      names = "--chunk",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Length of each chunk, one Genesys job each (default 2d; e.g. 6h, PT12H).")
  Duration chunk;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Jobs running at once (default 8, at most 32).")
  Integer concurrency;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "Records per results page (default 1000).")
  Integer pageSize;

  @Option(
      names = "--allow-incomplete",
      description =
          "Run even when --interval ends after Genesys' data availability (dataAvailabilityDate):"
              + " the export then has only what Genesys holds, and its summary says complete:"
              + " false and until when.")
  boolean allowIncomplete;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Give up after this long (e.g. 2h, 3d); default 24h. Resumable.")
  Duration timeout;

  @Option(
      names = "--poll-first",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "First status check after a submit (default 3s).")
  Duration pollFirst;

  @Option(
      names = "--poll-growth",
      paramLabel = "F",
      description = "Each wait between checks grows by this factor (default 1.5).")
  Double pollGrowth;

  @Option(
      names = "--poll-max",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Longest wait between status checks (default 30s).")
  Duration pollMax;

  @Option(
      names = "--poll-jitter",
      paramLabel = "F",
      description = "Random spread of each wait, as a fraction (default 0.1).")
  Double pollJitter;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output; errors only.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log every job lifecycle event (submit, fulfilled, pages, retries).")
  boolean verbose;

  @Option(
      names = "--summary-json",
      paramLabel = "FILE",
      description = "Also write the final summary as JSON to FILE.")
  Path summaryJson;

  @Mixin GenesysOptions genesys;
  @Mixin StoreOptions store;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    Logging.engineEvents(verbose, quiet);
    ExportRequest request;
    PollSchedule schedule;
    try {
      // An end at "available" is checked here against now, and read from Genesys once connected.
      if (output == null && to == null) {
        err.println("gcjobs export: give -o FILE, --to DEST, or both");
        return ExitCode.USAGE;
      }
      if ("-".equals(output) && to != null) {
        err.println(
            "gcjobs export: --to loads the output file: give -o a file, not -, or leave it out");
        return ExitCode.USAGE;
      }
      if (to != null) {
        TableLoads.check(to, schema, ExportKind.fromCliName(kind).cliName(), System.getenv());
      }
      request = request(kind -> Optional.of(Instant.now()));
      schedule = pollSchedule();
      request.checkOutput();
    } catch (InvalidRequest e) {
      err.println(usageLine(e));
      return ExitCode.USAGE;
    } catch (IllegalArgumentException e) {
      err.println("gcjobs export: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (TablesException e) {
      err.println("gcjobs export: " + TablesFlags.of(e) + e.getMessage());
      return ExitCode.USAGE;
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Instant started = Instant.now();
    try (GenesysConnection connection = genesys.connect(registry);
        ExportStore exportStore = store.open()) {
      EngineSettings settings =
          exportStore
              .defaultEngineSettings()
              .withWorkers(request.concurrency())
              .withPollSchedule(schedule);
      Engine engine = exportStore.engine(connection, settings);
      if (IntervalParser.endsAtAvailable(interval)) {
        request = request(engine.exports()::dataAvailability);
      }
      return run(engine, request, registry, started, err);
    } catch (GenesysException | StoreException | AvailabilityUnknown e) {
      return ConnectionFailures.report("gcjobs export", e, err);
    } catch (InvalidRequest e) {
      err.println(usageLine(e));
      return ExitCode.USAGE;
    } catch (IntervalPastAvailability e) {
      err.println(
          "gcjobs export: --interval: "
              + e.getMessage()
              + ". End it at or before "
              + e.availability()
              + ", or add --allow-incomplete to export what there is (the summary then says"
              + " complete: false).");
      return ExitCode.USAGE;
    }
  }

  private int run(
      Engine engine,
      ExportRequest request,
      SimpleMeterRegistry registry,
      Instant started,
      PrintStream err) {
    ExportStatus status = engine.exports().submit(request, null);
    if (!quiet) {
      err.println(
          "gcjobs export: export "
              + status.id()
              // Created before this run: an earlier run's export, resumed.
              + (status.createdAt().isBefore(started.truncatedTo(ChronoUnit.MILLIS))
                  ? " resumed at " + status.progress().chunksDone() + " chunks done"
                  : " started")
              + ", "
              + status.progress().chunksTotal()
              + " chunks -> "
              + request.output());
    }
    // Before the engine and the Ctrl-C hook: were it to fail, nothing would be left running.
    ExportTablesLoad tablesLoad =
        to == null
            ? null
            : ExportTablesLoad.start(
                engine.exports(),
                status.id(),
                to,
                schema,
                request.kind().cliName(),
                System.getenv());
    // On Ctrl-C: let the steps in flight finish and save, then exit; the export resumes later.
    Thread onInterrupt =
        new Thread(
            () -> {
              engine.close();
              err.println(
                  "\ngcjobs export: interrupted; run the same command again to resume export "
                      + status.id());
              Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
            },
            "gcjobs-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    engine.startFor(status.id());
    try {
      return run(engine, request, registry, started, status, onInterrupt, tablesLoad, err);
    } finally {
      if (tablesLoad != null) {
        tablesLoad.close();
      }
    }
  }

  private int run(
      Engine engine,
      ExportRequest request,
      SimpleMeterRegistry registry,
      Instant started,
      ExportStatus status,
      Thread onInterrupt,
      ExportTablesLoad tablesLoad,
      PrintStream err) {
    ExportStatus current = status;
    try (ProgressView view =
        new ProgressView(err, quiet, System.console() != null, status.progress().chunksTotal())) {
      while (!current.state().isFinal()) {
        view.update(current, RunStats.of(registry));
        Thread.sleep(REFRESH.toMillis());
        current = engine.exports().find(status.id()).orElseThrow();
      }
      view.update(current, RunStats.of(registry));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      engine.close();
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    }
    Summary summary =
        new Summary(current, RunStats.of(registry), Duration.between(started, Instant.now()));
    // Quiet hides a clean end only: a failure, or data short of the interval, is always said.
    if (!quiet
        || current.state() != ExportStatus.State.DONE
        || !current.completeness().complete()) {
      err.println(summary.line());
    }
    if (summaryJson != null) {
      try {
        Files.writeString(summaryJson, summary.json());
      } catch (IOException e) {
        err.println("gcjobs export: --summary-json " + summaryJson + ": " + e.getMessage());
        return ExitCode.FAILURE;
      }
    }
    if (tablesLoad != null && current.state() == ExportStatus.State.DONE) {
      Path file = engine.exports().output(current.id()).orElseThrow();
      return ExportIntoTables.finish(tablesLoad, file, quiet, err);
    }
    return switch (current.state()) {
      case DONE -> ExitCode.OK;
      case FAILED -> ExitCode.ofFailure(current.failure().code());
      case CANCELLED -> ExitCode.FAILURE;
      case RUNNING -> ExitCode.INTERRUPTED;
    };
  }

  /** Where an export with --to and no -o keeps its NDJSON: in the state directory. */
  private Path tablesStaging() {
    Path dir = store.stateDir().resolve("tables");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidRequest("stateDir", "cannot create " + dir + " (" + e.getMessage() + ")");
    }
    return dir;
  }

  private ExportRequest request(Function<ExportKind, Optional<Instant>> availability) {
    ExportRequest.Builder builder =
        ExportRequest.builder()
            .kind(kind)
            .interval(interval)
            .zone(zone)
            .filters(filters)
            .availability(availability);
    if (query != null) {
      builder.query(readQuery(query));
    }
    if (chunk != null) {
      builder.chunkSize(chunk);
    }
    if (concurrency != null) {
      builder.concurrency(concurrency);
    }
    if (pageSize != null) {
      builder.pageSize(pageSize);
    }
    if (timeout != null) {
      builder.timeout(timeout);
    }
    builder.allowIncomplete(allowIncomplete);
    if (output != null) {
      builder.output(output);
    } else {
      builder.outputIn(tablesStaging(), true); // kept for a re-run: small, as gzip
    }
    return builder.build();
  }

  private PollSchedule pollSchedule() {
    PollSchedule d = PollSchedule.DEFAULT;
    return new PollSchedule(
        pollFirst != null ? pollFirst : d.firstDelay(),
        pollGrowth != null ? pollGrowth : d.growthFactor(),
        pollMax != null ? pollMax : d.maxDelay(),
        pollJitter != null ? pollJitter : d.jitter());
  }

  /**
   * A raw query file, read as JSON; {@link InvalidRequest} (field {@code query}) if it cannot be.
   */
  static JsonNode readQuery(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InvalidRequest(
          "query",
          "cannot read " + file + " as JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String usageLine(InvalidRequest e) {
    String flag = flagOf(e.field());
    String message = e.getMessage();
    if (flag.equals("-o")) {
      return "gcjobs export: -o " + message;
    }
    return "gcjobs export: " + (message.startsWith(flag) ? message : flag + ": " + message);
  }

  /** The flag a request field comes from, for error messages. */
  private static String flagOf(String field) {
    if (field == null) {
      return "input";
    }
    String f = field.startsWith("options.") ? field.substring("options.".length()) : field;
    return switch (f) {
      case "interval", "zone", "kind", "query", "chunk", "concurrency", "timeout" -> "--" + f;
      case "pageSize" -> "--page-size";
      case "output" -> "-o";
      case "stateDir" -> "--state-dir";
      case "pollFirst" -> "--poll-first";
      case "pollGrowth" -> "--poll-growth";
      case "pollMax" -> "--poll-max";
      case "pollJitter" -> "--poll-jitter";
      default -> f.startsWith("filters") ? "--filter" : f.startsWith("query") ? "--query" : f;
    };
  }

  /** The flag that answers a failure, named after the engine's message. */
  private static final Map<String, String> FAILURE_FLAGS =
      Map.of("deadline_exceeded", "--timeout", "job_lost", "--chunk");

  /** The final summary of a run. */
  record Summary(ExportStatus status, RunStats stats, Duration elapsed) {
    String line() {
      ExportStatus.Progress p = status.progress();
      StringBuilder s =
          new StringBuilder("gcjobs export: export ")
              .append(status.id())
              .append(' ')
              .append(status.state().name())
              .append(": ")
              .append(p.records())
              .append(" records, ")
              .append(p.chunksDone())
              .append('/')
              .append(p.chunksTotal())
              .append(" chunks, ")
              .append(stats.jobs())
              .append(" jobs, ")
              .append(stats.requests())
              .append(" requests, ")
              .append(stats.rateLimited())
              .append(" x 429, ")
              .append(ProgressView.seconds(elapsed));
      ExportStatus.Completeness completeness = status.completeness();
      if (!completeness.complete()) {
        s.append("\n  INCOMPLETE: Genesys' data is complete only until ")
            .append(completeness.completeUntil())
            .append(
                " (its dataAvailabilityDate); records after it are missing or in progress."
                    + " Export from there again once the availability has passed the interval's end.");
      }
      if (status.failure() != null) {
        s.append("\n  ")
            .append(status.failure().code())
            .append(": ")
            .append(status.failure().message());
        String flag = FAILURE_FLAGS.get(status.failure().code());
        if (flag != null) {
          s.append(" (").append(flag).append(')');
        }
        if (status.failure().genesysMessage() != null) {
          s.append("\n  Genesys said: ").append(status.failure().genesysMessage());
        }
        if (status.failure().contextId() != null) {
          s.append(" (contextId ").append(status.failure().contextId()).append(')');
        }
      }
      return s.toString();
    }

    String json() {
      ObjectNode n = JSON.createObjectNode();
      n.put("exportId", status.id());
      n.put("state", status.state().name());
      n.put("records", status.progress().records());
      n.put("chunks", status.progress().chunksTotal());
      n.put("chunksDone", status.progress().chunksDone());
      n.put("pages", status.progress().pages());
      n.put("jobs", stats.jobs());
      n.put("requests", stats.requests());
      n.put("rateLimited", stats.rateLimited());
      n.put("budgetWaitSeconds", stats.budgetWait().toMillis() / 1000.0);
      n.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
      n.put("complete", status.completeness().complete());
      n.put("completeUntil", status.completeness().completeUntil().toString());
      if (status.failure() != null) {
        ObjectNode f = n.putObject("error");
        f.put("code", status.failure().code());
        f.put("message", status.failure().message());
        f.put("genesysMessage", status.failure().genesysMessage());
        f.put("contextId", status.failure().contextId());
      }
      return n.toPrettyString() + "\n";
    }
  }
}
