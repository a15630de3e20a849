package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gcjobs export --to}: the records end in tables, with or without an NDJSON file. */
@Tag("emulator")
@Timeout(120)
class ExportToTablesTest {
  static final String INTERVAL = "2024-05-29/2024-05-31";

  @TempDir Path dir;

  List<String> export(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export", "--interval", INTERVAL, "--state-dir", dir.resolve("state").toString()));
    args.addAll(FastExports.emulator());
    args.addAll(FastExports.polls());
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void anExportWithoutAnOutputFileEndsInTablesAndRunningItAgainChangesNothing() throws Exception {
    Path db = dir.resolve("gc.duckdb");

    CliRun first = CliRun.of(export("--to", db.toString()).toArray(String[]::new));

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    List<String> truth;
    try (Emulator sameOrg = Emulator.start(FastExports.emulatorConfig().build())) {
      truth = FastExports.groundTruth(sameOrg, INTERVAL, List.of());
    }
    assertThat(ids(db)).isEqualTo(new HashSet<>(truth));
    assertThat(first.stderr())
        .contains("gcjobs export: loaded " + String.format("%,d", truth.size()));
    try (java.util.stream.Stream<Path> kept = Files.list(dir.resolve("state").resolve("tables"))) {
      assertThat(
              kept.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".manifest.json")))
          .as("the NDJSON kept for a re-run, compressed")
          .singleElement()
          .asString()
          .endsWith(".ndjson.gz");
    }

    CliRun again = CliRun.of(export("--to", db.toString()).toArray(String[]::new));

    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stderr())
        .contains("0 new, 0 changed, " + String.format("%,d", truth.size()) + " unchanged");
  }

  @Test
  void anExportOfManyChunksWithAnOutputFileAndTablesWritesBothEachRecordOnce() throws Exception {
    Path out = dir.resolve("x.ndjson.gz");
    Path db = dir.resolve("gc.duckdb");

    // Eight chunks, loaded as each finishes, the rest once the export is done.
    CliRun run =
        CliRun.of(
            export("-o", out.toString(), "--to", db.toString(), "--chunk", "6h")
                .toArray(String[]::new));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<String> written = FastExports.conversationIds(FastExports.ndjson(out));
    assertThat(written).hasSameElementsAs(ids(db));
    assertThat(run.stderr())
        .contains(String.format("%,d new, 0 changed, 0 unchanged", written.size()));
  }

  @Test
  void anExportWithNoRecordsLeavesEmptyTables() throws Exception {
    Path db = dir.resolve("gc.duckdb");

    CliRun run =
        CliRun.of(
            export(
                    "--to",
                    db.toString(),
                    "--filter",
                    "queueId=00000000-0000-0000-0000-000000000000")
                .toArray(String[]::new));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("loaded 0 conversations");
    assertThat(ids(db)).isEmpty();
  }

  @Test
  void aDestinationThatCannotBeWrittenIsRefusedBeforeGenesysIsAsked() {
    CliRun run =
        CliRun.of(
            export("--to", dir.resolve("missing/dir/gc.duckdb").toString()).toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr()).startsWith("gcjobs export: --to: ");
    assertThat(Files.exists(dir.resolve("state"))).isFalse();
  }

  @Test
  void anExportNeedsAnOutputOrTablesAndTablesNeedAFile() {
    CliRun neither = CliRun.of(export().toArray(String[]::new));
    assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(neither.stderr()).contains("give -o FILE, --to DEST, or both");

    CliRun stdout =
        CliRun.of(
            export("-o", "-", "--to", dir.resolve("gc.duckdb").toString()).toArray(String[]::new));
    assertThat(stdout.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(stdout.stderr()).contains("--to loads the output file");
  }

  static Set<String> ids(Path db) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT conversation_id FROM conversations")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
