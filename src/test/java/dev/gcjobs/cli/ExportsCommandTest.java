package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.emulator.Faults;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gcjobs exports list|show|cancel} over a store holding exports in every state. */
@Tag("emulator")
@Tag("process")
class ExportsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path stateDir;
  private static String doneId;
  private static String failedId;

  /** Holds jobs that run for minutes, so the exports that use it stay RUNNING. */
  private static Emulator slowGenesys;

  @BeforeAll
  static void exportsInEveryState() {
    stateDir = dir.resolve("state");
    doneId = exportId(runExport("2024-01-01/2024-01-02", "done.ndjson"));
    failedId =
        exportId(runExport("2024-02-01/2024-02-02", "failed.ndjson", "--failed-job-fraction", "1"));
    slowGenesys =
        Emulator.start(FastExports.emulatorConfig().jobBaseDelay(Duration.ofMinutes(5)).build());
  }

  @AfterAll
  static void stop() {
    slowGenesys.close();
  }

  private static CliRun runExport(String interval, String output, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--interval",
                interval,
                "-o",
                dir.resolve(output).toString(),
                "--state-dir",
                stateDir.toString()));
    args.addAll(FastExports.emulator());
    args.addAll(FastExports.polls());
    args.addAll(List.of(flags));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.JOB_FAILED);
    return run;
  }

  private static String exportId(CliRun run) {
    Matcher m = Pattern.compile("export ([0-9a-f-]{36}) ").matcher(run.stderr());
    assertThat(m.find()).as(run.toString()).isTrue();
    return m.group(1);
  }

  /**
   * Starts an export of 2 one-day chunks whose jobs are submitted to {@link #slowGenesys} and still
   * running, with no process working on it (as after a kill).
   */
  private static String runningExport(String interval) {
    GenesysClient client =
        GenesysClient.builder()
            .domain(slowGenesys.baseUrl())
            .credentials(new Credentials(slowGenesys.clientId(), slowGenesys.clientSecret()))
            .build();
    ExportRequest request =
        ExportRequest.builder()
            .interval(interval)
            .chunkSize(Duration.ofDays(1))
            .output(dir.resolve(interval.replace('/', '_') + ".ndjson").toString())
            .build();
    try (Database db = Database.open(Database.h2FileUrl(stateDir));
        Engine engine =
            new Engine(
                db,
                client.analyticsJobs(),
                "slow",
                EngineSettings.defaults(stateDir),
                Clock.systemUTC())) {
      String id = engine.exports().submit(request, null).id();
      engine.runDueSteps(); // submits both jobs; their first status check is seconds away
      return id;
    }
  }

  private static CliRun exports(String... args) {
    List<String> all = new ArrayList<>(List.of("exports"));
    all.addAll(List.of(args));
    all.addAll(List.of("--state-dir", stateDir.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static JsonNode json(CliRun run) throws Exception {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    return JSON.readTree(run.stdout());
  }

  @Test
  void listShowsEachExportWithStateKindIntervalProgressAndCreation() {
    CliRun run = exports("list");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).matches("ID +STATE +KIND +INTERVAL +PROGRESS +CREATED");
    assertThat(run.out())
        .containsPattern(
            doneId
                + " +DONE +conversations +2024-01-01T00:00:00Z/2024-01-02T00:00:00Z +1/1 chunks,"
                + " \\d+ records +20\\d\\d-")
        .containsPattern(
            failedId + " +FAILED +conversations +2024-02-01T00:00:00Z/2024-02-02T00:00:00Z +0/1");
  }

  @Test
  void listJsonIsForScripts() throws Exception {
    JsonNode listing = json(exports("list", "--json"));

    List<String> ids = new ArrayList<>();
    listing.path("exports").forEach(e -> ids.add(e.path("id").asText()));
    assertThat(ids).contains(doneId, failedId);
    JsonNode done = findById(listing.path("exports"), doneId);
    assertThat(done.path("state").asText()).isEqualTo("DONE");
    assertThat(done.path("kind").asText()).isEqualTo("conversations");
    assertThat(done.path("interval").path("start").asText()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(done.path("progress").path("chunksDone").asInt()).isEqualTo(1);
    assertThat(done.path("progress").path("records").asLong()).isPositive();
    assertThat(done.path("createdAt").asText()).isNotEmpty();
    assertThat(listing.has("nextCursor")).isTrue();
  }

  @Test
  void listFiltersByStateAndPages() throws Exception {
    JsonNode failed = json(exports("list", "--json", "--state", "FAILED"));
    assertThat(failed.path("exports")).hasSize(1);
    assertThat(failed.path("exports").get(0).path("id").asText()).isEqualTo(failedId);

    CliRun first = exports("list", "--limit", "1");
    assertThat(first.out()).contains("more: gcjobs exports list --cursor ");
  }

  @Test
  void listRefusesALimitOutOfRangeInOneLine() {
    CliRun run = exports("list", "--limit", "0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr().strip()).doesNotContain("\n").contains("--limit", "500");
  }

  @Test
  void aStoreThatCannotOpenIsReportedAgainstTheFlagThatFixesIt() {
    CliRun badUrl = CliRun.of("exports", "list", "--db", "postgres://localhost/test");
    // Even root cannot create directories under /proc.
    CliRun badDir = CliRun.of("exports", "list", "--state-dir", "/proc/gcjobs-state");

    assertThat(badUrl.exitCode()).as(badUrl.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(badUrl.stderr().strip())
        .startsWith("gcjobs exports list: --db: unsupported database URL");
    assertThat(badDir.exitCode()).as(badDir.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(badDir.stderr().strip())
        .startsWith("gcjobs exports list: --state-dir: cannot create the state directory");
  }

  @Test
  void listOfAnEmptyStoreSaysSo() {
    CliRun run = CliRun.of("exports", "list", "--state-dir", dir.resolve("empty-state").toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).startsWith("no exports in ");
  }

  @Test
  void showGivesTheErrorWithGenesysMessageAndEachChunk() {
    CliRun run = exports("show", failedId);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("export     " + failedId)
        .contains("state      FAILED")
        .contains("interval   2024-02-01T00:00:00Z/2024-02-02T00:00:00Z")
        .contains("output     " + dir.resolve("failed.ndjson"))
        .contains("error      job_failed: ")
        .contains("genesys    " + Faults.FAILED_JOB_MESSAGE)
        .containsPattern("CHUNK +INTERVAL +STATE +JOB")
        .containsPattern("0 +2024-02-01T00:00:00Z/2024-02-02T00:00:00Z +FAILED +[0-9a-f-]{36}");
  }

  @Test
  void showAcceptsAUniquePrefixOfTheId() {
    CliRun run = exports("show", doneId.substring(0, 8));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("export     " + doneId, "state      DONE");
  }

  @Test
  void showOfAnUnknownIdExitsWith2InOneLine() {
    CliRun run = exports("show", "no-such-export");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr().strip())
        .doesNotContain("\n")
        .contains("no export no-such-export", "gcjobs exports list");
  }

  @Test
  void showJsonHasTheRequestAndEveryChunk() throws Exception {
    JsonNode export = json(exports("show", failedId, "--json"));

    assertThat(export.path("id").asText()).isEqualTo(failedId);
    assertThat(export.path("error").path("code").asText()).isEqualTo("job_failed");
    assertThat(export.path("error").path("genesysMessage").asText())
        .isEqualTo(Faults.FAILED_JOB_MESSAGE);
    assertThat(export.path("output").asText()).isEqualTo(dir.resolve("failed.ndjson").toString());
    assertThat(export.path("request").path("kind").asText()).isEqualTo("conversations");
    assertThat(export.path("chunks")).hasSize(1);
    JsonNode chunk = export.path("chunks").get(0);
    assertThat(chunk.path("state").asText()).isEqualTo("FAILED");
    assertThat(chunk.path("nextRunAt").isNull()).isTrue();
    assertThat(chunk.path("jobId").asText()).isNotEmpty();
    assertThat(chunk.path("error").asText()).contains(Faults.FAILED_JOB_MESSAGE);
  }

  @Test
  void cancelWithCredentialsCancelsTheRunningGenesysJobs() throws Exception {
    String id = runningExport("2024-03-01/2024-03-03");
    long cancelsBefore = slowGenesys.requestCounts().total(Endpoint.CANCEL);

    CliRun run =
        exports(
            "cancel",
            id,
            "--domain",
            slowGenesys.baseUrl(),
            "--client-id",
            slowGenesys.clientId(),
            "--client-secret",
            slowGenesys.clientSecret());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("cancelled export " + id)
        .contains("asked Genesys to cancel its 2 running job(s)");
    assertThat(slowGenesys.requestCounts().count(Endpoint.CANCEL, 204) - cancelsBefore)
        .isEqualTo(2);
    JsonNode shown = json(exports("show", id, "--json"));
    assertThat(shown.path("state").asText()).isEqualTo("CANCELLED");
    shown.path("chunks").forEach(c -> assertThat(c.path("state").asText()).isEqualTo("CANCELLED"));
  }

  @Test
  void cancelWithoutCredentialsCancelsInTheStoreAndLeavesTheJobsToExpire() throws Exception {
    String id = runningExport("2024-04-01/2024-04-03");
    long cancelsBefore = slowGenesys.requestCounts().total(Endpoint.CANCEL);

    // A child process, so that no GENESYS_* variable of this environment counts as credentials.
    GcjobsProcess run =
        GcjobsProcess.run(
            dir,
            "cancel-" + id,
            List.of("exports", "cancel", id, "--state-dir", stateDir.toString()),
            Duration.ofSeconds(30));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    String out = new String(run.stdoutBytes());
    assertThat(out)
        .contains("cancelled export " + id)
        .contains("its 2 running Genesys job(s) will expire by themselves")
        .contains("no Genesys credentials are configured");
    assertThat(slowGenesys.requestCounts().total(Endpoint.CANCEL)).isEqualTo(cancelsBefore);
    assertThat(json(exports("show", id, "--json")).path("state").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void cancelOfAnUnknownIdExitsWith2WithoutLoggingIn() {
    long logins = slowGenesys.requestCounts().total(Endpoint.TOKEN);

    CliRun run =
        exports(
            "cancel",
            "no-such-export",
            "--domain",
            slowGenesys.baseUrl(),
            "--client-id",
            slowGenesys.clientId(),
            "--client-secret",
            slowGenesys.clientSecret());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr().strip()).doesNotContain("\n").contains("no export no-such-export");
    assertThat(slowGenesys.requestCounts().total(Endpoint.TOKEN)).isEqualTo(logins);
  }

  @Test
  void cancelOfAFinishedExportLeavesItAsItIs() throws Exception {
    CliRun run = exports("cancel", doneId, "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.stderr()).contains("already DONE; nothing to cancel");
    assertThat(JSON.readTree(run.stdout()).path("state").asText()).isEqualTo("DONE");
  }

  private static JsonNode findById(JsonNode exports, String id) {
    for (JsonNode e : exports) {
      if (e.path("id").asText().equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no export " + id + " in " + exports);
  }
}
