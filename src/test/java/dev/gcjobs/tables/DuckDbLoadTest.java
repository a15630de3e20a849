package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The table contract on a DuckDB file. */
@Tag("unit")
class DuckDbLoadTest extends TableLoadContract {
  @Override
  TableDestination destination() {
    return new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("t.duckdb"));
  }

  @Override
  String table(String name) {
    return name;
  }

  @Test
  void aSchemaNamedAsAnSqlKeywordHoldsTheTables() throws Exception {
    try (TableDestination destination =
        TableTarget.parse(dir.resolve("k.duckdb").toString(), "order", java.util.Map.of())
            .destination(clock)) {
      new NdjsonLoad(export, null, n -> {}).into(destination);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("k.duckdb"));
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM \"order\".conversations")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(expectedCounts(export).get("conversations"));
    }
  }

  @Test
  void usersRepeatedOftenStillCommitInBatches() throws Exception {
    // Twelve intervals of the same users: a batch is written before each repeat, and must still
    // count towards its size, so that a failure late in the file keeps the batches before it.
    Path users = usersOfTwelveIntervals();
    long lines = Files.readAllLines(users).size();
    Files.writeString(users, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
    int batch = (int) (lines / 2); // six intervals: one batch is committed before the bad line

    try (TableDestination destination =
        new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock, batch)) {
      assertThatThrownBy(() -> new NdjsonLoad(users, null, n -> {}).into(destination))
          .hasMessageContaining("not JSON")
          // Records, not the users they hold.
          .hasMessageContaining(
              "the " + String.format(java.util.Locale.ROOT, "%,d", batch) + " records before it");
    }
    assertThat(Long.parseLong(single("SELECT count(*) FROM user_presence"))).isPositive();
  }

  @Test
  @Timeout(60)
  void aPipeLoadsAsAFileDoes() throws Exception {
    // As `zcat export.ndjson.gz | gcjobs load /dev/stdin` gives it: a file that cannot seek.
    Path pipe = dir.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out =
                  Files.newOutputStream(pipe, java.nio.file.StandardOpenOption.WRITE)) {
                Files.copy(export, out);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    writer.start();
    load(pipe);
    writer.join();

    assertThat(counts()).isEqualTo(expectedCounts(export));
  }

  @Test
  void usersOfManyIntervalsInManyBatchesAreUnchangedWhenLoadedAgain() throws Exception {
    Path users = usersOfTwelveIntervals();
    int batch = (int) (Files.readAllLines(users).size() / 12 * 3 / 2); // one and a half intervals
    String stamps =
        "SELECT string_agg(user_id || ' ' || last_changed_at, ',' ORDER BY user_id)"
            + " FROM users";
    LoadResult first;
    try (TableDestination destination =
        new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock, batch)) {
      first = new NdjsonLoad(users, null, n -> {}).into(destination);
    }
    String before = single(stamps);
    long presence = Long.parseLong(single("SELECT count(*) FROM user_presence"));
    clock.advance(java.time.Duration.ofHours(1));

    LoadResult again;
    try (TableDestination destination =
        new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock, batch)) {
      again = new NdjsonLoad(users, null, n -> {}).into(destination);
    }

    assertThat(first.counts().inserted())
        .isEqualTo(Long.parseLong(single("SELECT count(*) FROM users")));
    assertThat(again.counts().inserted()).isZero();
    assertThat(again.counts().changed()).isZero();
    assertThat(single(stamps)).isEqualTo(before);
    assertThat(Long.parseLong(single("SELECT count(*) FROM user_presence"))).isEqualTo(presence);
  }

  /** The users of the last 1, 2, ... 12 days, in one file: a user once per interval. */
  private Path usersOfTwelveIntervals() throws java.io.IOException {
    Path users = dir.resolve("users.ndjson");
    for (int days = 1; days <= 12; days++) {
      Files.write(
          users,
          Files.readAllLines(EmulatorNdjson.users(dir.resolve(days + ".ndjson"), days)),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    return users;
  }

  @Test
  void aGzipFileOfAnotherNameIsReadAsGzip() throws Exception {
    // As `gcjobs load /dev/stdin < export.ndjson.gz` gives it: gzip, with no .gz to say so.
    Path gzip = dir.resolve("export.ndjson");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      Files.copy(export, out);
    }

    load(gzip);

    assertThat(counts()).isEqualTo(expectedCounts(export));
  }

  @Test
  void aGzipFileCutShortSaysSoAndHowManyRecordsBeforeItAreLoaded() throws Exception {
    Path gz = dir.resolve("export.ndjson.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(export, out);
    }
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length * 3 / 4));

    try (TableDestination destination =
        new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock, 100)) {
      assertThatThrownBy(() -> new NdjsonLoad(gz, null, n -> {}).into(destination))
          .isInstanceOf(TablesException.class)
          .hasMessageMatching(
              ".*export\\.ndjson\\.gz: line [0-9]+: the file ends in the middle of its compressed"
                  + " data \\(cut short\\?\\); the [0-9]00 records before it are loaded: repair the"
                  + " file and run the same command again");
    }
    long loaded = Long.parseLong(single("SELECT count(*) FROM conversations"));
    assertThat(loaded).as("whole batches of 100").isPositive();
    assertThat(loaded % 100).isZero();
  }
}
