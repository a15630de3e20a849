package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gcjobs sync} from the command line: one cycle, its summary, and bad input. */
@Tag("emulator")
@Timeout(120)
class SyncCommandTest {
  @TempDir Path dir;

  List<String> sync(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("sync", "--state-dir", dir.resolve("state").toString(), "-q"));
    args.addAll(FastExports.emulator());
    args.addAll(List.of(extra));
    return args;
  }

  CliRun run(List<String> args) {
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void oneCycleCopiesUpToAvailabilityAndSaysSoInItsSummary() throws Exception {
    Path db = dir.resolve("gc.duckdb");
    Path summary = dir.resolve("summary.json");

    CliRun first =
        run(
            sync(
                "--to",
                db.toString(),
                "--since",
                "2024-05-30",
                "--summary-json",
                summary.toString()));

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(Files.readString(summary));
    assertThat(json.path("cycle").asInt()).isEqualTo(1);
    assertThat(json.path("reconcile").asBoolean()).isTrue();
    assertThat(json.path("new").asLong()).isPositive();
    assertThat(json.path("watermarkBefore").isNull()).isTrue();
    assertThat(json.path("watermarkAfter").asText()).startsWith("2024-");

    CliRun second =
        run(
            sync(
                "--to",
                db.toString(),
                "--since",
                "2024-05-30",
                "--summary-json",
                summary.toString()));

    assertThat(second.exitCode()).as(second.stderr()).isZero();
    JsonNode again = new ObjectMapper().readTree(Files.readString(summary));
    assertThat(again.path("cycle").asInt()).isEqualTo(2);
    assertThat(again.path("watermarkBefore").asText())
        .isEqualTo(json.path("watermarkAfter").asText());
  }

  @Test
  void usersReadAgainByTheNextCycleAreUnchanged() throws Exception {
    // Each cycle re-reads the settle window behind the watermark: the same users, in records of
    // other intervals than the cycle before read them.
    Path db = dir.resolve("users.duckdb");
    Path summary = dir.resolve("summary.json");
    List<String> args =
        sync(
            "--kind",
            "users",
            "--to",
            db.toString(),
            "--since",
            "2024-05-25",
            "--summary-json",
            summary.toString());

    CliRun first = run(args);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    long users = new ObjectMapper().readTree(Files.readString(summary)).path("new").asLong();
    args.addAll(List.of("--settle", "30h")); // a window that starts within one of the first's
    CliRun second = run(args);

    assertThat(second.exitCode()).as(second.stderr()).isZero();
    JsonNode again = new ObjectMapper().readTree(Files.readString(summary));
    assertThat(users).isPositive();
    assertThat(again.path("new").asLong()).isZero();
    assertThat(again.path("changed").asLong()).isZero();
    assertThat(again.path("unchanged").asLong()).isEqualTo(users);
  }

  @Test
  void anotherStartIntoTheSameTablesIsRefusedNamingTheSyncThatHoldsThem() {
    Path db = dir.resolve("gc.duckdb");
    assertThat(run(sync("--to", db.toString(), "--since", "2024-05-30")).exitCode()).isZero();

    CliRun other = run(sync("--to", db.toString(), "--since", "2024-05-29"));

    assertThat(other.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(other.stderr())
        .startsWith("gcjobs sync: --to: sync conversations-")
        .contains("asked to start from 2024-05-29T00:00:00Z");
  }

  @Test
  void badFlagsGetOneLineNamingTheFlag() {
    CliRun since = run(sync("--to", dir.resolve("gc.duckdb").toString(), "--since", "soon"));
    assertThat(since.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(since.stderr()).startsWith("gcjobs sync: --since: 'soon' is neither a date");

    CliRun to =
        run(sync("--to", dir.resolve("missing/gc.duckdb").toString(), "--since", "2024-05-30"));
    assertThat(to.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(to.stderr()).startsWith("gcjobs sync: --to: ");

    CliRun both =
        run(
            sync(
                "--to",
                dir.resolve("gc.duckdb").toString(),
                "--since",
                "2024-05-30",
                "--once",
                "--every",
                "1h"));
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(both.stderr()).contains("mutually exclusive");
  }
}
