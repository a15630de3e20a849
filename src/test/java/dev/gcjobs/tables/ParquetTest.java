package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parquet:DIR}: one Parquet file per table, or a folder per day, through DuckDB. */
@Tag("unit")
class ParquetTest {
  @TempDir Path dir;

  @Test
  void everyTableBecomesAParquetFileHoldingItsRowsAndALoadAgainLeavesThemEqual() throws Exception {
    Path export = EmulatorNdjson.conversations(dir.resolve("export.ndjson"), 2, 300);
    Path out = dir.resolve("out");
    TableTarget target = TableTarget.parse("parquet:" + out, null, Map.of());

    LoadResult first = load(export, target);
    LoadResult again = load(export, target);

    assertThat(first.counts().inserted()).isPositive();
    assertThat(again.counts().unchanged()).isEqualTo(first.counts().inserted());
    for (Table table : TableMapping.of(RecordKind.CONVERSATIONS).tables()) {
      Path file = out.resolve(table.name() + ".parquet");
      assertThat(file).exists();
      assertThat(count("read_parquet('" + file + "')"))
          .as(table.name())
          .isEqualTo(count("main." + table.name(), out.resolve(TableTarget.PARQUET_STAGING)));
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no hidden file left")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void byDayEachTableIsAFolderWithAFolderPerDayOfTheConversationsStart() throws Exception {
    Path export = EmulatorNdjson.conversations(dir.resolve("export.ndjson"), 2, 300);
    Path out = dir.resolve("days");

    load(export, TableTarget.parse("parquet:" + out + "?partition=day", null, Map.of()));

    try (Stream<Path> days = Files.list(out.resolve("segments"))) {
      assertThat(days.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("day="));
    }
    assertThat(count("read_parquet('" + out.resolve("sessions") + "/*/*.parquet')"))
        .isEqualTo(count("main.sessions", out.resolve(TableTarget.PARQUET_STAGING)));
  }

  @Test
  void aDirectoryLoadedInTheOtherLayoutKeepsOnlyTheNewOne() throws Exception {
    Path export = EmulatorNdjson.conversations(dir.resolve("export.ndjson"), 2, 50);
    Path out = dir.resolve("out");

    load(export, TableTarget.parse("parquet:" + out, null, Map.of()));
    load(export, TableTarget.parse("parquet:" + out + "?partition=day", null, Map.of()));

    assertThat(out.resolve("segments.parquet")).doesNotExist();
    assertThat(out.resolve("segments")).isDirectory();

    load(export, TableTarget.parse("parquet:" + out, null, Map.of()));

    assertThat(out.resolve("segments")).doesNotExist();
    assertThat(out.resolve("segments.parquet")).isRegularFile();
  }

  @Test
  void aParquetDestinationIsNamedAndCheckedLikeTheOthers() {
    assertThat(TableTarget.parse("parquet:" + dir, null, Map.of()).toString())
        .isEqualTo("parquet:" + dir);
    assertThatThrownBy(() -> TableTarget.parse("parquet:", null, Map.of()))
        .isInstanceOf(TablesException.class)
        .hasMessageContaining("parquet:DIR");
    Path users = EmulatorNdjson.users(dir.resolve("users.ndjson"), 1);
    TableTarget byDay =
        TableTarget.parse("parquet:" + dir.resolve("u") + "?partition=day", null, Map.of());
    assertThatThrownBy(() -> load(users, byDay))
        .hasMessageContaining("partition=day needs conversations");
    assertThatThrownBy(() -> load(users, TableTarget.parse("parquet:" + users, null, Map.of())))
        .hasMessage(users + ": is a file; name a directory for parquet:");
    Path nowhere = dir.resolve("none").resolve("pq");
    assertThatThrownBy(() -> load(users, TableTarget.parse("parquet:" + nowhere, null, Map.of())))
        .hasMessage(
            nowhere + ": directory " + nowhere.getParent() + " does not exist; create it first");
  }

  private static LoadResult load(Path export, TableTarget target) {
    try (TableDestination destination = target.destination(Clock.systemUTC())) {
      return new NdjsonLoad(export, null, bytes -> {}).into(destination);
    }
  }

  private long count(String from) throws Exception {
    return count(from, null);
  }

  private static long count(String from, Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + (db == null ? "" : db));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
