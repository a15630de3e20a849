package dev.gcjobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.app.ExportTablesLoadTest.Running;
import dev.gcjobs.app.TableLoads.LoadReport;
import dev.gcjobs.store.PostgresTestDatabase;
import dev.gcjobs.tables.ChunkedExport;
import dev.gcjobs.tables.EmulatorNdjson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --to} a PostgreSQL database whose connection drops while the export runs. */
@Tag("postgres")
@Timeout(60)
class PostgresExportTablesLoadTest {
  @TempDir Path dir;
  PostgresTestDatabase postgres;

  @BeforeEach
  void freshSchema() {
    postgres = PostgresTestDatabase.create();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    postgres.close();
  }

  @Test
  void aConnectionDroppedWhileTheExportWaitsIsOpenedAnewAndNothingIsLost() throws Exception {
    List<String> lines =
        Files.readAllLines(EmulatorNdjson.conversations(dir.resolve("all.ndjson"), 2, 40));
    int half = lines.size() / 2;
    ChunkedExport export =
        new ChunkedExport(
            dir,
            List.of(List.of(lines.subList(0, half)), List.of(lines.subList(half, lines.size()))));
    Running exports = new Running(List.of(export.saved(0, 1, true)));
    // Its own name, so that only this test's session is dropped.
    String application = "gcjobs-" + postgres.schema();
    String to = postgres.url() + "&ApplicationName=" + application;

    try (ExportTablesLoad load =
        ExportTablesLoad.start(exports, "e1", to, postgres.schema(), "conversations", Map.of())) {
      assertThat(exports.askedTwice.await(30, TimeUnit.SECONDS)).isTrue();
      // A pooler or a NAT drops the connection while the export waits on Genesys.
      assertThat(
              single(
                  "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                      + " WHERE application_name = '"
                      + application
                      + "'"))
          .isEqualTo(1);

      LoadReport report = load.finish(export.output(), n -> {});

      assertThat(report.inserted()).isEqualTo(lines.size());
    }
    assertThat(single("SELECT count(*) FROM " + postgres.schema() + ".conversations"))
        .isEqualTo(lines.size());
  }

  long single(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.url());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
