package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code gcjobs export}: exit 2, one line on stderr that names the flag, nothing
 * written (no output, no state) and nothing sent to Genesys (the emulator counts every request).
 */
@Tag("emulator")
@Tag("process")
class ExportBadInputTest {
  private static Emulator emulator;

  @TempDir Path dir;
  private Path outDir;
  private Path stateDir;

  @BeforeAll
  static void startEmulator() {
    emulator = Emulator.start(FastExports.emulatorConfig().build());
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void dirs() throws IOException {
    outDir = Files.createDirectory(dir.resolve("out"));
    stateDir = dir.resolve("state");
  }

  /**
   * {@code gcjobs export} against the emulator, with {@code -o} in {@link #outDir} unless given.
   */
  private CliRun export(String... flags) {
    List<String> args = new ArrayList<>(List.of("export"));
    args.addAll(FastExports.loginTo(emulator));
    args.addAll(List.of("--state-dir", stateDir.toString()));
    List<String> given = Arrays.asList(flags);
    if (!given.contains("--interval")) {
      args.addAll(List.of("--interval", "2024-01-01/2024-01-02"));
    }
    if (!given.contains("-o")) {
      args.addAll(List.of("-o", outDir.resolve("x.ndjson.gz").toString()));
    }
    args.addAll(given);
    return CliRun.of(args.toArray(String[]::new));
  }

  private void assertRefused(CliRun run, String... mentions) throws IOException {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr().strip())
        .as("one line")
        .doesNotContain("\n")
        .doesNotContain("Exception");
    assertThat(run.stderr()).contains(mentions);
    assertThat(run.stdout()).isEmpty();
    try (Stream<Path> files = Files.list(outDir)) {
      assertThat(files).as("files in the output directory").isEmpty();
    }
    assertThat(stateDir).doesNotExist();
    long sent = Arrays.stream(Endpoint.values()).mapToLong(emulator.requestCounts()::total).sum();
    assertThat(sent).as("requests sent to Genesys").isZero();
  }

  @Test
  void anUnparseableIntervalIsRefusedNamingTheFlag() throws IOException {
    assertRefused(
        export("--interval", "2024-13-01/2024-02-01"), "--interval", "2024-13-01", "2024-01-01");
  }

  @Test
  void aReversedIntervalIsRefused() throws IOException {
    assertRefused(export("--interval", "2024-02-01/2024-01-01"), "--interval", "reversed");
  }

  @Test
  void anEmptyIntervalIsRefused() throws IOException {
    assertRefused(export("--interval", "2024-01-01/2024-01-01"), "--interval", "empty");
  }

  @Test
  void anUnknownKindIsRefusedListingTheKinds() throws IOException {
    assertRefused(export("--kind", "calls"), "--kind", "calls", "conversations, users");
  }

  @Test
  void anUnknownDimensionIsRefusedSuggestingTheClosestName() throws IOException {
    assertRefused(export("--filter", "mediatype=voice"), "--filter", "did you mean mediaType");
  }

  @Test
  void aNotEqualFilterIsRefusedWithWhatToDoInstead() throws IOException {
    assertRefused(export("--filter", "mediaType!=voice"), "--filter", "not equal", "!mediaType");
  }

  @Test
  void anOutputInAMissingDirectoryIsRefused() throws IOException {
    Path output = dir.resolve("missing").resolve("x.ndjson");
    assertRefused(export("-o", output.toString()), "-o", "does not exist");
  }

  @Test
  void anOutputUnderAFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertRefused(export("-o", file.resolve("x.ndjson").toString()), "-o", "not a directory");
  }

  @Test
  void anOutputInAReadOnlyDirectoryIsRefused() throws IOException {
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    assumeFalse(Files.isWritable(readOnly), "running as root: every directory is writable");
    assertRefused(
        export("-o", readOnly.resolve("x.ndjson").toString()), "-o", "cannot write", "read-only");
  }

  @Test
  void anUnknownRegionIsRefusedListingTheRegions() throws IOException {
    CliRun run =
        CliRun.of(
            "export",
            "--domain",
            "mypurecloud.xx",
            "--client-id",
            "id",
            "--client-secret",
            "secret",
            "--interval",
            "2024-01-01/2024-01-02",
            "-o",
            outDir.resolve("x.ndjson").toString(),
            "--state-dir",
            stateDir.toString());
    assertRefused(
        run, "--domain", "mypurecloud.xx", "not a Genesys Cloud region", "mypurecloud.ie");
  }

  @Test
  void aMalformedDurationIsOneLineNotTheWholeUsage() throws IOException {
    assertRefused(export("--timeout", "soon"), "--timeout", "'soon' is not a duration");
  }

  @Test
  void aMisspeltFlagIsOneLineWithASuggestion() throws IOException {
    assertRefused(export("--filtr", "mediaType=voice"), "--filtr", "did you mean --filter");
  }

  @Test
  void missingCredentialsWithoutTheEmulatorNameTheFlagsAndTheVariables() throws Exception {
    List<String> common =
        List.of(
            "export",
            "--interval",
            "2024-01-01/2024-01-02",
            "-o",
            outDir.resolve("x.ndjson").toString(),
            "--state-dir",
            stateDir.toString());
    GcjobsProcess noRegion = GcjobsProcess.run(dir, "no-region", common, Duration.ofSeconds(30));
    List<String> noIdArgs = new ArrayList<>(common);
    noIdArgs.addAll(List.of("--domain", "mypurecloud.ie"));
    GcjobsProcess noId = GcjobsProcess.run(dir, "no-id", noIdArgs, Duration.ofSeconds(30));

    assertThat(noRegion.exitCode()).as(noRegion.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(noRegion.stderr().strip())
        .doesNotContain("\n")
        .contains("--domain", "GENESYS_DOMAIN", "--emulator");
    assertThat(noId.exitCode()).as(noId.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(noId.stderr().strip())
        .doesNotContain("\n")
        .contains("--client-id", "GENESYS_CLIENT_ID");
    try (Stream<Path> files = Files.list(outDir)) {
      assertThat(files).isEmpty();
    }
    assertThat(stateDir).doesNotExist();
  }
}
