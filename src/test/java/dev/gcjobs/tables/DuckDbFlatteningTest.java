package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB flattens records itself; {@link Flattener} is the reference. The same files loaded both
 * ways must give the same rows, column by column, and the same report of unknown fields.
 */
@Tag("unit")
class DuckDbFlatteningTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anEmulatorExportOfConversationsGivesTheRowsOfTheJavaFlattener() throws Exception {
    Path file = EmulatorNdjson.conversations(dir.resolve("c.ndjson"), 2, 120);

    assertSameRows(file, RecordKind.CONVERSATIONS);
  }

  @Test
  void usersGiveTheRowsOfTheJavaFlattener() throws Exception {
    Path file = EmulatorNdjson.users(dir.resolve("u.ndjson"), 2);

    assertSameRows(file, RecordKind.USERS);
  }

  @Test
  void aConversationWithEveryPartAndOddValuesGivesTheSameRowsAndTheSameReport() throws Exception {
    String everyPart = FlattenerTest.everyPart().toString();
    String odd =
        "{\"conversationId\":\"c-odd\",\"conversationStart\":\"yesterday\","
            + "\"customerParticipation\":{\"x\":1},\"mediaStatsMinConversationMos\":\"high\",\"divisionIds\":[\"d-1\",null],"
            + "\"participants\":[{\"participantId\":\"p\",\"attributes\":{\"a\":\"1\",\"n\":null},"
            + "\"sessions\":[{\"sessionId\":\"s\",\"flow\":{\"flowId\":\"f\",\"more\":1},"
            + "\"metrics\":[{\"name\":\"tTalk\",\"emitDate\":\"2024-06-01T08:00:00Z\","
            + "\"value\":12.0},null,{\"name\":\"nX\",\"value\":3}],\"segments\":\"none\"}]},"
            + "{\"participantId\":\"q\",\"newThing\":{\"x\":1},\"sessions\":null}],"
            + "\"evaluations\":[{\"evaluationId\":\"e\",\"oTotalScore\":7}],\"extra\":[1,2]}";
    Path file = dir.resolve("odd.ndjson");
    Files.writeString(file, everyPart + "\n\n" + odd + "\n");

    Map<String, Long> report = assertSameRows(file, RecordKind.CONVERSATIONS);

    assertThat(report)
        .containsEntry("futureField", 1L)
        .containsEntry("participants[].sessions[].flow.outcomes", 1L)
        .containsEntry("participants[].sessions[].flow.more", 1L)
        .containsEntry("participants[].newThing", 1L)
        .containsEntry("participants[].sessions[].segments (not an array)", 1L)
        .containsEntry("participants[].sessions[].metrics[] (not an object)", 1L)
        .containsEntry("conversationStart (not timestamptz)", 1L)
        .containsEntry("customerParticipation (not boolean)", 1L)
        .containsEntry("mediaStatsMinConversationMos (not double)", 1L)
        .containsEntry("extra", 1L);
  }

  @Test
  void elementsLeftOutForTheirKeysAreLeftOutAsTheJavaFlattenerLeavesThemOut() throws Exception {
    Path conversations = dir.resolve("keys.ndjson");
    Files.writeString(
        conversations,
        FlattenerTest.keysLeftOut("conversation") + "\n" + FlattenerTest.everyPart() + "\n");
    Path users = dir.resolve("user-keys.ndjson");
    Files.writeString(users, FlattenerTest.keysLeftOut("user") + "\n");

    assertThat(assertSameRows(conversations, RecordKind.CONVERSATIONS))
        .containsEntry("participants[] (participantId repeated)", 1L)
        .containsEntry("participants[].sessions[] (sessionId repeated)", 1L);
    assertThat(assertSameRows(users, RecordKind.USERS))
        .containsEntry("primaryPresence[] (startTime repeated)", 1L);
  }

  @Test
  void keysOfOddValuesAreJudgedOnceSoDuckDbLeavesOutWhatTheJavaFlattenerLeavesOut()
      throws Exception {
    // DuckDB's reader makes a key of values Java refuses (an object as an id, "epoch" as a time),
    // and numbers read as text differ by notation: Java alone decides what is left out.
    Path file = dir.resolve("odd-keys.ndjson");
    Files.writeString(
        file,
        """
        {"conversationId":"c1","participants":[{"participantId":{"a":1}},{"participantId":"p"}]}
        {"conversationId":"c2","divisionIds":[{"a":1},"d",["d"],"d"]}
        {"conversationId":"c3","participants":[{"participantId":"p","sessions":[{"sessionId":"s",        "metrics":[{"name":{"x":1},"emitDate":"2024-06-01T08:00:00Z","value":1},        {"name":"tTalk","emitDate":"epoch","value":2},        {"name":"tHeld","emitDate":"2024-06-01","value":3},        {"name":"tAcw","emitDate":"2024-06-01T08:00:00Z","value":4}]}]}]}
        {"conversationId":"c4","participants":[{"participantId":1e2},{"participantId":"100.0"}]}
        {"conversationId":"c5","participants":[{"participantId":"a\\u0000"},{"participantId":"a\\ufffd"}]}
        {"conversationId":"c6","participants":[{"participantId":"p"}]}
        """);

    Map<String, Long> report = assertSameRows(file, RecordKind.CONVERSATIONS);

    assertThat(report)
        .containsEntry("participants[] (no participantId)", 1L)
        .containsEntry("participants[] (participantId repeated)", 2L)
        .containsEntry("divisionIds[] (no value)", 1L)
        .containsEntry("divisionIds[] (repeated)", 1L)
        .containsEntry("participants[].sessions[].metrics[] (no name)", 1L)
        .containsEntry("participants[].sessions[].metrics[] (no emitDate)", 1L);
  }

  @Test
  void inBatchesOfAFewRecordsTheLaterOfTwoRecordsWithOneIdWinsWithinAndAcrossBatches()
      throws Exception {
    List<String> lines =
        Files.readAllLines(EmulatorNdjson.conversations(dir.resolve("c.ndjson"), 1, 40));
    List<String> withRepeats = new ArrayList<>(lines);
    withRepeats.add(
        5, lines.get(3).replace("{\"conversationId\"", "{\"again\":1,\"conversationId\""));
    withRepeats.add(lines.get(0).replace("{\"conversationId\"", "{\"again\":2,\"conversationId\""));
    withRepeats.add(lines.get(1));
    Path file = dir.resolve("repeats.ndjson");
    Files.write(file, withRepeats);
    List<String> latest = new ArrayList<>(lines);
    latest.set(3, withRepeats.get(5));
    latest.set(0, withRepeats.get(withRepeats.size() - 2));
    Path expected = dir.resolve("latest.ndjson");
    Files.write(expected, latest);
    Path db = dir.resolve("batches.duckdb");

    LoadResult loaded;
    try (TableDestination destination = new DuckDbDestination(db, "main", Clock.systemUTC(), 7)) {
      loaded = new NdjsonLoad(file, null, bytes -> {}).into(destination);
    }

    assertSameRows(db, expected, RecordKind.CONVERSATIONS);
    assertThat(loaded.counts().inserted()).isEqualTo(lines.size());
  }

  /**
   * Loads {@code file} into a fresh DuckDB file and flattens it with {@link Flattener}, checks that
   * every table holds the rows the flattener gives and that both report the same unknown fields.
   *
   * @return the report
   */
  private Map<String, Long> assertSameRows(Path file, RecordKind kind) throws Exception {
    Path db = dir.resolve(kind.cliName() + ".duckdb");
    LoadResult loaded;
    try (TableDestination destination =
        TableTarget.parse(db.toString(), null, Map.of()).destination(Clock.systemUTC())) {
      loaded = new NdjsonLoad(file, kind, bytes -> {}).into(destination);
    }
    Map<String, Long> report = assertSameRows(db, file, kind);
    assertThat(loaded.unknownFields()).isEqualTo(report);
    return loaded.unknownFields();
  }

  /**
   * Checks that every table of the DuckDB file {@code db} holds the rows {@link Flattener} gives
   * for {@code file}.
   *
   * @return the flattener's report of unknown fields
   */
  private Map<String, Long> assertSameRows(Path db, Path file, RecordKind kind) throws Exception {
    RecordReader reader = new RecordReader(Files.newBufferedReader(file), "test", kind);
    TableMapping mapping = TableMapping.of(kind);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    mapping.tables().forEach(t -> expected.put(t.name(), new ArrayList<>()));
    for (FlatRecord flat = reader.nextFlat(); flat != null; flat = reader.nextFlat()) {
      for (int t = 0; t < mapping.tables().size(); t++) {
        Table table = mapping.tables().get(t);
        for (Object[] row : flat.rows().get(t)) {
          expected.get(table.name()).add(line(table, row));
        }
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      for (Table table : mapping.tables()) {
        assertThat(sorted(actual(s, table)))
            .as(table.name())
            .isEqualTo(sorted(expected.get(table.name())));
      }
    }
    assertThat(expected.get(mapping.root().name())).isNotEmpty();
    return reader.unknownFields().byPath();
  }

  private static List<String> actual(Statement s, Table table) throws SQLException {
    List<Column> columns = table.flattenedColumns();
    String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT " + names + " FROM main." + table.name())) {
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(line(table, row));
      }
    }
    return rows;
  }

  /** A row as comparable text: instants in UTC, numbers by value, JSON re-serialized. */
  private static String line(Table table, Object[] row) {
    List<String> values = new ArrayList<>();
    List<Column> columns = table.flattenedColumns();
    for (int i = 0; i < row.length; i++) {
      values.add(columns.get(i).name() + "=" + text(columns.get(i), row[i]));
    }
    return String.join(" | ", values);
  }

  private static String text(Column column, Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant().toString();
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof Number n) {
      return column.type() == ColumnType.DOUBLE
          ? String.valueOf(n.doubleValue())
          : String.valueOf(n.longValue());
    }
    if (column.type() == ColumnType.JSON && column.source() != Column.Source.RAW) {
      try {
        return JSON.readTree(value.toString()).toString();
      } catch (IOException e) {
        return "not JSON: " + value;
      }
    }
    return value.toString();
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    Collections.sort(copy);
    return copy;
  }
}
