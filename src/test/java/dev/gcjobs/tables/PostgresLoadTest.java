package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gcjobs.store.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The table contract on PostgreSQL, in a fresh schema per test. */
@Tag("postgres")
class PostgresLoadTest extends TableLoadContract {
  private PostgresTestDatabase postgres;

  @BeforeEach
  void freshSchema() {
    postgres = PostgresTestDatabase.create();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    postgres.close();
  }

  @Test
  void eachRecordsJsonIsCompressedWithLz4WhereTheServerHasIt() throws SQLException {
    load(export);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      ResultSet lz4 =
          s.executeQuery(
              "SELECT 'lz4' = ANY(enumvals) FROM pg_settings"
                  + " WHERE name = 'default_toast_compression'");
      assumeTrue(lz4.next() && lz4.getBoolean(1), "the server has no lz4");
      ResultSet methods =
          s.executeQuery(
              "SELECT DISTINCT pg_column_compression(raw) FROM "
                  + table("conversations")
                  + " WHERE pg_column_compression(raw) IS NOT NULL");
      List<String> found = new ArrayList<>();
      while (methods.next()) {
        found.add(methods.getString(1));
      }
      assertThat(found).containsExactly("lz4");
    }
  }

  @Test
  void aValueWithTheCharacterZeroIsLoadedWithTheReplacementCharacter() throws Exception {
    // PostgreSQL holds no U+0000; a customer's attribute may carry one.
    String line =
        "{\"conversationId\":\"nul-1\",\"participants\":[{\"participantId\":\"p-1\","
            + "\"attributes\":{\"note\":\"a\\u0000b\",\"path\":\"c:\\\\u0000\"}}]}";
    java.nio.file.Path file = dir.resolve("nul.ndjson");
    java.nio.file.Files.writeString(file, line + "\n");

    LoadResult result = load(file);

    assertThat(result.counts().inserted()).isEqualTo(1);
    assertThat(
            single(
                "SELECT string_agg(value, ',' ORDER BY name) FROM "
                    + table("participant_attributes")))
        .isEqualTo("a\uFFFDb,c:\\u0000");
    assertThat(
            single(
                "SELECT raw->'participants'->0->'attributes'->>'note' FROM "
                    + table("conversations")))
        .isEqualTo("a\uFFFDb");
    assertThat(single("SELECT content_hash FROM " + table("conversations")))
        .isEqualTo(ContentHash.of(line));
  }

  @Test
  void twoLoadsOfTheSameRecordsAtOnceBothSucceed() throws Exception {
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
      List<java.util.concurrent.Future<LoadResult>> loads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        loads.add(
            two.submit(
                () -> {
                  together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                  return load(export);
                }));
      }
      long inserted = 0;
      for (java.util.concurrent.Future<LoadResult> load : loads) {
        inserted += load.get(2, java.util.concurrent.TimeUnit.MINUTES).counts().inserted();
      }

      assertThat(inserted).isEqualTo(expectedCounts(export).get("conversations"));
      assertThat(counts()).isEqualTo(expectedCounts(export));
    } finally {
      two.shutdownNow();
    }
  }

  @Override
  TableDestination destination() {
    return TableTarget.parse(postgres.url(), postgres.schema(), Map.of()).destination(clock);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.url());
  }

  @Override
  String table(String name) {
    return postgres.schema() + "." + name;
  }
}
