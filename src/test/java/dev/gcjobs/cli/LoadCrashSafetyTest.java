package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.tables.EmulatorNdjson;
import dev.gcjobs.testing.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gcjobs load} in a child process: killed with {@code kill -9}, then run again. */
@Tag("process")
class LoadCrashSafetyTest {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  private static final List<String> TABLES =
      List.of(
          "conversations",
          "conversation_divisions",
          "participants",
          "participant_attributes",
          "sessions",
          "segments",
          "session_metrics");

  @TempDir Path dir;

  @Test
  void aLoadKilledPartWayThenRunAgainGivesTheTablesOfAnUninterruptedOne() throws Exception {
    Path export = EmulatorNdjson.conversations(dir.resolve("export.ndjson"), 8, 2000);
    Path reference = dir.resolve("reference.duckdb");
    assertThat(CliRun.of("load", export.toString(), "--to", reference.toString(), "-q").exitCode())
        .isZero();
    Path crashed = dir.resolve("crashed.duckdb");
    List<String> load = List.of("load", export.toString(), "--to", crashed.toString(), "-q");

    GcjobsProcess first = GcjobsProcess.start(dir, "first", load);
    Deadline deadline = Deadline.in(RUN_LIMIT, "the first load to create " + crashed);
    while (!Files.exists(crashed) && first.isAlive()) {
      deadline.check();
      Thread.sleep(20);
    }
    CliRun meanwhile = CliRun.of(load.toArray(String[]::new));
    CliRun reading = CliRun.of("sql", crashed.toString(), "SELECT 1");
    boolean killedPartWay = first.isAlive();
    first.kill();

    if (killedPartWay) {
      assertThat(meanwhile.exitCode()).as(meanwhile.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(meanwhile.stderr())
          .startsWith("gcjobs load: --to: " + crashed + ": in use by another process (pid ");
      assertThat(reading.stderr())
          .startsWith("gcjobs sql: " + crashed + ": in use by another process (pid ")
          .endsWith(
              "; DuckDB lets no other process read a file while one writes it, so wait for"
                  + " it or close it\n");
    }
    GcjobsProcess again = GcjobsProcess.start(dir, "again", load);
    assertThat(again.awaitExit(RUN_LIMIT)).as(again.toString()).isZero();
    assertThat(fingerprint(crashed)).isEqualTo(fingerprint(reference));
  }

  @Test
  void aLoadStoppedPartWaySaysSoAndHowToFinish() throws Exception {
    Path export = EmulatorNdjson.conversations(dir.resolve("export.ndjson"), 8, 2000);
    Path db = dir.resolve("stopped.duckdb");
    GcjobsProcess load =
        GcjobsProcess.start(dir, "load", List.of("load", export.toString(), "--to", db + "", "-q"));
    Deadline deadline = Deadline.in(RUN_LIMIT, "the load to create " + db);
    while (!Files.exists(db) && load.isAlive()) {
      deadline.check();
      Thread.sleep(20);
    }
    boolean stoppedPartWay = load.isAlive();
    load.terminate();
    int exit = load.awaitExit(RUN_LIMIT);

    if (stoppedPartWay) {
      assertThat(exit).as(load.toString()).isEqualTo(143);
      assertThat(load.stderr())
          .contains(
              "gcjobs load: interrupted; the batches it committed stay in the tables, and the same"
                  + " command again finishes the load");
    }
  }

  /** Per table: its row count and a hash of every row's values but the load times. */
  private static Map<String, String> fingerprint(Path db) throws Exception {
    Map<String, String> tables = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        String rows =
            table.equals("conversations")
                ? "SELECT * EXCLUDE (first_loaded_at, last_changed_at, last_seen_at) FROM conversations"
                : "SELECT * FROM " + table;
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) || ' rows, ' || coalesce(sum(hash(r)), 0) FROM ("
                    + rows
                    + ") r")) {
          rs.next();
          tables.put(table, rs.getString(1));
        }
      }
    }
    return tables;
  }
}
