package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.emulator.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gcjobs export --emulator} run to its end: exit codes, summary, stdout output. */
@Tag("emulator")
class ExportCommandTest {
  private static final String INTERVAL = "2024-01-01/2024-01-03";
  private static Emulator truth;

  @TempDir Path dir;

  @BeforeAll
  static void startTruth() {
    truth = Emulator.start(FastExports.emulatorConfig().build());
  }

  @AfterAll
  static void stopTruth() {
    truth.close();
  }

  private CliRun export(String output, String... flags) {
    return export(FastExports.emulator(), output, flags);
  }

  private CliRun export(List<String> emulator, String output, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--interval",
                INTERVAL,
                "--filter",
                "mediaType=voice",
                "--chunk",
                "12h",
                "-o",
                output,
                "--state-dir",
                dir.resolve("state").toString()));
    args.addAll(emulator);
    args.addAll(FastExports.polls());
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static String exportId(CliRun run) {
    Matcher m = Pattern.compile("export ([0-9a-f-]{36}) ").matcher(run.stderr());
    assertThat(m.find()).as(run.toString()).isTrue();
    return m.group(1);
  }

  private List<String> expectedIds() {
    return FastExports.groundTruth(truth, INTERVAL, List.of("mediaType=voice"));
  }

  @Test
  void anIntervalPastGenesysDataAvailabilityIsRefusedOrWhenAllowedSaysItIsIncomplete()
      throws Exception {
    Path summary = dir.resolve("lagging.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--interval",
                "2024-05-31/2024-06-01",
                "--chunk",
                "12h",
                "-q",
                "-o",
                dir.resolve("lagging.ndjson").toString(),
                "--state-dir",
                dir.resolve("state").toString(),
                "--summary-json",
                summary.toString(),
                "--data-lag",
                "6h"));
    args.addAll(FastExports.emulator());
    args.addAll(FastExports.polls());

    CliRun refused = CliRun.of(args.toArray(String[]::new));
    args.add("--allow-incomplete");
    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.stderr().strip())
        .doesNotContain("\n")
        .startsWith("gcjobs export: --interval: the interval ends at 2024-06-01T00:00:00Z")
        .contains("2024-05-31T18:00:00Z", "--allow-incomplete");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    JsonNode s = new ObjectMapper().readTree(summary.toFile());
    assertThat(s.path("state").asText()).as(run.toString()).isEqualTo("DONE");
    assertThat(s.path("complete").asBoolean()).isFalse();
    // The emulator's data "now" is 2024-06-01T00:00Z: six hours of lag.
    assertThat(s.path("completeUntil").asText()).isEqualTo("2024-05-31T18:00:00Z");
    assertThat(run.stderr()).contains("INCOMPLETE", "2024-05-31T18:00:00Z");
    JsonNode manifest =
        new ObjectMapper().readTree(dir.resolve("lagging.ndjson.manifest.json").toFile());
    assertThat(manifest.path("complete").asBoolean()).isFalse();
    assertThat(manifest.path("completeUntil").asText()).isEqualTo("2024-05-31T18:00:00Z");

    Path capped = dir.resolve("capped.json");
    List<String> available = new ArrayList<>(args.subList(0, args.indexOf("--allow-incomplete")));
    available.set(available.indexOf("2024-05-31/2024-06-01"), "2024-05-31/available");
    available.set(available.indexOf(summary.toString()), capped.toString());
    CliRun upToAvailable = CliRun.of(available.toArray(String[]::new));

    assertThat(upToAvailable.exitCode()).as(upToAvailable.toString()).isEqualTo(ExitCode.OK);
    JsonNode c = new ObjectMapper().readTree(capped.toFile());
    assertThat(c.path("complete").asBoolean()).isTrue();
    assertThat(c.path("completeUntil").asText()).isEqualTo("2024-05-31T18:00:00Z");
  }

  @Test
  void writesEveryRecordOnceAndAJsonSummary() throws Exception {
    Path output = dir.resolve("voice.ndjson.gz");
    Path summary = dir.resolve("summary.json");

    CliRun run = export(output.toString(), "--summary-json", summary.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    List<String> ids = FastExports.conversationIds(FastExports.ndjson(output));
    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds());
    JsonNode s = new ObjectMapper().readTree(summary.toFile());
    assertThat(s.path("state").asText()).isEqualTo("DONE");
    assertThat(s.path("exportId").asText()).isNotEmpty();
    assertThat(s.path("records").asLong()).isEqualTo(ids.size());
    assertThat(s.path("chunks").asInt()).isEqualTo(4);
    assertThat(s.path("chunksDone").asInt()).isEqualTo(4);
    assertThat(s.path("jobs").asLong()).isEqualTo(4);
    assertThat(s.path("requests").asLong()).isGreaterThan(4 * 3);
    assertThat(s.path("rateLimited").asLong()).isZero();
    assertThat(s.has("elapsedSeconds")).isTrue();
    assertThat(s.has("error")).isFalse();
    assertThat(s.path("complete").asBoolean()).isTrue();
    assertThat(s.path("completeUntil").asText()).isEqualTo(INTERVAL.split("/")[1] + "T00:00:00Z");
    assertThat(run.stderr()).contains("DONE: " + ids.size() + " records, 4/4 chunks");
  }

  @Test
  void dashWritesPlainNdjsonToStdoutAndNothingElse() throws Exception {
    CliRun run = export("-");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    String out = run.out();
    assertThat(out).endsWith("\n").doesNotContain("\n\n");
    for (String line : out.split("\n")) {
      assertThat(line).startsWith("{").endsWith("}");
    }
    assertThat(FastExports.conversationIds(run.stdout()))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectedIds());
    assertThat(run.stderr()).contains("DONE");
  }

  @Test
  void aFailedGenesysJobExitsWith4AndShowsGenesysMessage() throws Exception {
    CliRun run = export(dir.resolve("x.ndjson").toString(), "--failed-job-fraction", "1");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.JOB_FAILED);
    assertThat(run.stderr()).contains("FAILED", "job_failed", Faults.FAILED_JOB_MESSAGE);
    assertThat(dir.resolve("x.ndjson")).doesNotExist();
  }

  @Test
  void aPassedTimeoutExitsWith5AndTheSameCommandResumesIt() throws Exception {
    Path output = dir.resolve("voice.ndjson");
    List<String> slowJobs = FastExports.emulator("1500ms");

    CliRun first = export(slowJobs, output.toString(), "--timeout", "300ms");

    assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.DEADLINE);
    assertThat(first.stderr()).contains("deadline_exceeded", "run the same", "--timeout");
    assertThat(output).doesNotExist();

    CliRun again = export(slowJobs, output.toString(), "--timeout", "1m");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
    assertThat(again.stderr()).contains("export " + exportId(first) + " resumed");
    assertThat(FastExports.conversationIds(Files.readAllBytes(output)))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectedIds());
  }

  @Test
  void anOutputThatCouldNotBeWrittenAtTheEndIsWrittenWhenRunAgain() throws Exception {
    Path outDir = Files.createDirectory(dir.resolve("out"));
    Path output = outDir.resolve("voice.ndjson.gz");
    try (Emulator genesys =
        Emulator.start(
            FastExports.emulatorConfig().jobBaseDelay(Duration.ofMillis(1500)).build())) {
      List<String> login = FastExports.loginTo(genesys);
      CompletableFuture<CliRun> first =
          CompletableFuture.supplyAsync(() -> export(login, output.toString()));
      // Once the jobs are submitted (-o was checked before), the output directory goes away.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> genesys.requestCounts().total(Endpoint.SUBMIT) == 4);
      Files.delete(outDir);

      CliRun failed = first.get(60, TimeUnit.SECONDS);

      assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCode.FAILURE);
      assertThat(failed.stderr()).contains("output_error");

      Files.createDirectory(outDir);
      CliRun again =
          CompletableFuture.supplyAsync(() -> export(login, output.toString()))
              .get(30, TimeUnit.SECONDS);

      assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
      assertThat(again.stderr())
          .contains("export " + exportId(failed) + " resumed at 4 chunks done");
      assertThat(genesys.requestCounts().total(Endpoint.SUBMIT)).as("no job again").isEqualTo(4);
    }
    assertThat(FastExports.conversationIds(FastExports.ndjson(output)))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectedIds());
  }
}
