package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.store.PostgresTestDatabase;
import dev.gcjobs.tables.EmulatorNdjson;
import dev.gcjobs.testing.Deadline;
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

/**
 * {@code gcjobs load} into PostgreSQL in a child process: killed with {@code kill -9}, then again.
 */
@Tag("process")
@Tag("postgres")
class PostgresLoadCrashSafetyTest {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  private static final List<String> TABLES =
      List.of("conversations", "participants", "sessions", "segments", "session_metrics");

  @TempDir Path dir;

  @Test
  void aLoadKilledPartWayThenRunAgainGivesTheTablesOfAnUninterruptedOne() throws Exception {
    Path export = EmulatorNdjson.conversations(dir.resolve("export.ndjson"), 6, 2000);
    try (PostgresTestDatabase postgres = PostgresTestDatabase.create()) {
      String url = postgres.url();
      String reference = postgres.schema() + "_ref";
      String crashed = postgres.schema() + "_crash";
      assertThat(
              CliRun.of("load", export.toString(), "--to", url, "--schema", reference, "-q")
                  .exitCode())
          .isZero();
      List<String> load =
          List.of("load", export.toString(), "--to", url, "--schema", crashed, "-q");

      GcjobsProcess first = GcjobsProcess.start(dir, "first", load);
      Deadline deadline = Deadline.in(RUN_LIMIT, "the first load to create its tables");
      while (first.isAlive() && !tablesExist(url, crashed)) {
        deadline.check();
        Thread.sleep(20);
      }
      first.kill();
      GcjobsProcess again = GcjobsProcess.start(dir, "again", load);
      assertThat(again.awaitExit(RUN_LIMIT)).as(again.toString()).isZero();

      assertThat(fingerprint(url, crashed)).isEqualTo(fingerprint(url, reference));
      drop(url, reference, crashed);
    }
  }

  private static boolean tablesExist(String url, String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT to_regclass('" + schema + ".conversations') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Per table: its row count and a digest of every row but the load times. */
  private static Map<String, String> fingerprint(String url, String schema) throws Exception {
    Map<String, String> tables = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        String row =
            table.equals("conversations")
                ? "(r.conversation_id, r.content_hash, r.raw)::text"
                : "r::text";
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) || ' rows, ' || md5(coalesce(string_agg("
                    + row
                    + ", '|' ORDER BY "
                    + row
                    + "), '')) FROM "
                    + schema
                    + "."
                    + table
                    + " r")) {
          rs.next();
          tables.put(table, rs.getString(1));
        }
      }
    }
    return tables;
  }

  private static void drop(String url, String... schemas) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
