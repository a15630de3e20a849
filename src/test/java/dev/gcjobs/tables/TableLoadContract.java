package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every table destination does with an emulator export: the same rows as the NDJSON holds,
 * unique keys, nothing changed by a second load, a changed conversation replaced with its children.
 */
abstract class TableLoadContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableMapping CONVERSATIONS = TableMapping.of(RecordKind.CONVERSATIONS);

  @TempDir static Path shared;
  static Path export;

  @TempDir Path dir;
  final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");

  /** A destination on a fresh, empty database or file. */
  abstract TableDestination destination();

  /** A connection to the same database, to check the tables with SQL. */
  abstract Connection connect() throws SQLException;

  /** How the destination names a table in queries. */
  abstract String table(String name);

  @BeforeAll
  static void writeAnExport() {
    export = EmulatorNdjson.conversations(shared.resolve("conversations.ndjson"), 3, 150);
  }

  LoadResult load(Path file) {
    try (TableDestination destination = destination()) {
      return new NdjsonLoad(file, null, bytes -> {}).into(destination);
    }
  }

  @Test
  void theRowsOfEachTableAreThoseOfTheNdjson() throws Exception {
    LoadResult result = load(export);

    Map<String, Long> expected = expectedCounts(export);
    assertThat(counts()).isEqualTo(expected);
    assertThat(result.counts().rows()).isEqualTo(expected);
    assertThat(result.counts().inserted()).isEqualTo(expected.get("conversations"));
    assertThat(result.unknownFields()).isEmpty();
  }

  @Test
  void stretchesLoadedWithACheckpointBetweenThemGiveTheRowsOfTheNdjson() throws Exception {
    long half = halfwayLine(export);
    try (TableDestination destination = destination()) {
      destination.open(CONVERSATIONS);
      NdjsonLoad.stretch(export, 0, half, RecordKind.CONVERSATIONS, n -> {}).addTo(destination);
      destination.commit();
      destination.checkpoint();
      NdjsonLoad.stretch(export, half, Long.MAX_VALUE, RecordKind.CONVERSATIONS, n -> {})
          .addTo(destination);
      destination.commit();
    }

    assertThat(counts()).isEqualTo(expectedCounts(export));
  }

  @Test
  void stretchesOfTwoFilesInOneBatchKeepTheFieldsOfBoth() throws Exception {
    // The second file's record has few fields: the batch must still read those of the first.
    Path bare = dir.resolve("bare.ndjson");
    Files.writeString(bare, "{\"conversationId\":\"bare-1\"}\n");
    try (TableDestination destination = destination()) {
      destination.open(CONVERSATIONS);
      for (Path file : List.of(export, bare)) {
        NdjsonLoad.stretch(file, 0, Long.MAX_VALUE, RecordKind.CONVERSATIONS, n -> {})
            .addTo(destination);
      }
      destination.commit();
    }

    Path both = dir.resolve("both.ndjson");
    Files.write(both, Files.readAllLines(export));
    Files.writeString(both, Files.readString(bare), java.nio.file.StandardOpenOption.APPEND);
    assertThat(counts()).isEqualTo(expectedCounts(both));
    assertThat(
            single(
                "SELECT count(conversation_start) FROM "
                    + table("conversations")
                    + " WHERE conversation_id <> 'bare-1'"))
        .isEqualTo(String.valueOf(Files.readAllLines(export).size()));
  }

  @Test
  void aTableOfTheSameNameWithOtherColumnsIsRefusedNamingIt() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table("participants") + " (id INTEGER)");
    }

    assertThatThrownBy(() -> load(export))
        .isInstanceOf(TablesException.class)
        .hasMessageContaining("participants has no column conversation_id")
        .hasMessageContaining("load into another schema, or drop that table")
        .extracting(e -> ((TablesException) e).subject())
        .isEqualTo(TablesException.Subject.SCHEMA);
    assertThat(single("SELECT count(*) FROM " + table("participants"))).isEqualTo("0");
  }

  /** The byte where the line that holds the file's middle byte ends. */
  static long halfwayLine(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int at = bytes.length / 2;
    while (bytes[at - 1] != '\n') {
      at++;
    }
    return at;
  }

  @Test
  void everyTableKeyIsUnique() throws Exception {
    load(export);

    assertKeysUnique(CONVERSATIONS);
  }

  @Test
  void elementsWithoutTheirKeyOrRepeatingOneAreLeftOutReportedAndTheRestLoads() throws Exception {
    Path file = dir.resolve("keys.ndjson");
    List<String> lines = new ArrayList<>(Files.readAllLines(export).subList(0, 20));
    lines.add(10, FlattenerTest.keysLeftOut("conversation").toString());
    Files.write(file, lines);

    LoadResult result = load(file);

    assertThat(result.counts().inserted()).isEqualTo(21);
    assertThat(result.unknownFields())
        .containsEntry("participants[] (no participantId)", 1L)
        .containsEntry("participants[] (participantId repeated)", 1L)
        .containsEntry("participants[].sessions[] (sessionId repeated)", 1L)
        .containsEntry("participants[].sessions[].metrics[] (no name)", 1L)
        .containsEntry("divisionIds[] (no value)", 1L)
        .containsEntry("divisionIds[] (repeated)", 1L);
    assertKeysUnique(CONVERSATIONS);
    assertThat(
            single(
                "SELECT string_agg(session_id || ' ' || participant_id || ' ' || direction, ', '"
                    + " ORDER BY session_id) FROM "
                    + table("sessions")
                    + " WHERE conversation_id = 'c-keys' AND direction IS NOT NULL"))
        .isEqualTo("s-3 p-3 outbound");
    Map<String, Long> before = counts();
    assertThat(load(file).counts().unchanged()).isEqualTo(21);
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void aUserPeriodWithoutItsStartOrStartingAsALaterOneIsLeftOut() throws Exception {
    Path file = dir.resolve("user-keys.ndjson");
    Files.writeString(file, FlattenerTest.keysLeftOut("user") + "\n");

    LoadResult result = load(file);

    assertThat(result.unknownFields())
        .containsOnlyKeys(
            "primaryPresence[] (no startTime)", "primaryPresence[] (startTime repeated)");
    assertThat(single("SELECT string_agg(system_presence, ',') FROM " + table("user_presence")))
        .isEqualTo("AWAY");
  }

  @Test
  void periodsStartingWithinOneMicrosecondAreOnePeriodAsTheDatabasesHoldThem() throws Exception {
    Path file = dir.resolve("micro.ndjson");
    Files.writeString(
        file,
        """
        {"userId":"u1","primaryPresence":[{"startTime":"2024-06-01T08:00:00.0000001Z",        "systemPresence":"AVAILABLE"},{"startTime":"2024-06-01T08:00:00.0000002Z",        "systemPresence":"AWAY"}],"routingStatus":[]}
        """);

    LoadResult result = load(file);

    assertThat(result.unknownFields()).containsOnlyKeys("primaryPresence[] (startTime repeated)");
    assertThat(single("SELECT string_agg(system_presence, ',') FROM " + table("user_presence")))
        .isEqualTo("AWAY");
  }

  /** Checks that no two rows of a table of {@code mapping} have the same key. */
  private void assertKeysUnique(TableMapping mapping) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (Table table : mapping.tables()) {
        String key =
            table.keyColumns().stream().map(Column::name).collect(Collectors.joining(", "));
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM (SELECT "
                    + key
                    + " FROM "
                    + table(table.name())
                    + " GROUP BY "
                    + key
                    + " HAVING count(*) > 1) d")) {
          rs.next();
          assertThat(rs.getLong(1)).as("duplicate keys (%s) in %s", key, table.name()).isZero();
        }
      }
    }
  }

  @Test
  void loadingTheSameExportAgainChangesNothing() throws Exception {
    load(export);
    Map<String, Long> before = counts();
    String changedAt =
        single("SELECT CAST(max(last_changed_at) AS VARCHAR) FROM " + table("conversations"));
    clock.advance(Duration.ofHours(1));

    LoadResult again = load(export);

    assertThat(again.counts().unchanged()).isEqualTo(before.get("conversations"));
    assertThat(again.counts().inserted() + again.counts().changed()).isZero();
    assertThat(counts()).isEqualTo(before);
    assertThat(
            single("SELECT CAST(max(last_changed_at) AS VARCHAR) FROM " + table("conversations")))
        .isEqualTo(changedAt);
  }

  @Test
  void aConversationWhoseRecordChangedIsReplacedWithItsChildren() throws Exception {
    load(export);
    Map<String, Long> before = counts();
    ObjectNode edited = firstWithSegments(export, 2);
    String id = edited.get("conversationId").asText();
    ArrayNode segments = firstSessionWithSegments(edited, 2);
    segments.remove(segments.size() - 1);
    Path change = dir.resolve("changed.ndjson");
    Files.writeString(change, edited + "\n");
    Instant later = clock.advance(Duration.ofHours(2));

    LoadResult result = load(change);

    assertThat(result.counts().changed()).isEqualTo(1);
    Map<String, Long> after = counts();
    assertThat(after.get("segments")).isEqualTo(before.get("segments") - 1);
    after.remove("segments");
    before.remove("segments");
    assertThat(after).isEqualTo(before);
    assertThat(
            single(
                "SELECT count(*) FROM "
                    + table("segments")
                    + " WHERE conversation_id = '"
                    + id
                    + "'"))
        .isEqualTo(String.valueOf(segmentsOf(edited)));
    assertThat(
            single(
                "SELECT count(*) FROM "
                    + table("segments")
                    + " s LEFT JOIN "
                    + table("sessions")
                    + " x ON x.conversation_id = s.conversation_id AND x.session_id = s.session_id"
                    + " WHERE x.session_id IS NULL"))
        .as("segments without their session")
        .isEqualTo("0");
    OffsetDateTime changedAt =
        OffsetDateTime.parse(
            single(
                    "SELECT CAST(last_changed_at AS VARCHAR) FROM "
                        + table("conversations")
                        + " WHERE conversation_id = '"
                        + id
                        + "'")
                .replace(' ', 'T')
                .replaceAll("\\+00$", "+00:00"));
    assertThat(changedAt.toInstant()).isEqualTo(later);
  }

  @Test
  void aConversationTwiceInOneFileIsLoadedOnceTheLaterWinning() throws Exception {
    ObjectNode first = firstWithSegments(export, 1);
    ObjectNode second = first.deepCopy();
    second.put("originatingDirection", "outbound");
    Path twice = dir.resolve("twice.ndjson");
    Files.writeString(twice, first + "\n" + second + "\n");

    LoadResult result = load(twice);

    assertThat(result.counts().inserted()).isEqualTo(1);
    assertThat(single("SELECT originating_direction FROM " + table("conversations")))
        .isEqualTo("outbound");
  }

  @Test
  void conversationsARereadNoLongerReturnsAreMarkedDeletedUntilSeenAgain() throws Exception {
    load(export);
    List<String> lines = Files.readAllLines(export);
    List<String> gone =
        List.of(
            JSON.readTree(lines.get(3)).get("conversationId").asText(),
            JSON.readTree(lines.get(lines.size() - 1)).get("conversationId").asText());
    Path reread = dir.resolve("reread.ndjson");
    List<String> kept = new ArrayList<>(lines);
    kept.remove(lines.size() - 1);
    kept.remove(3);
    Files.write(reread, kept);
    Instant from = Instant.parse("2020-01-01T00:00:00Z");
    Instant to = Instant.parse("2030-01-01T00:00:00Z");

    clock.advance(Duration.ofHours(1));
    long marked;
    try (TableDestination destination = destination()) {
      new NdjsonLoad(reread, null, bytes -> {}).into(destination);
      marked = destination.markGone(from, to, false);
      assertThat(destination.markGone(from, to, false))
          .as("the same marks, counted again")
          .isEqualTo(2);
      assertThat(destination.countsAt().unchanged()).isEqualTo(kept.size());
    }

    assertThat(marked).isEqualTo(2);
    assertThat(
            single(
                "SELECT string_agg(conversation_id, ',' ORDER BY conversation_id) FROM "
                    + table("conversations")
                    + " WHERE deleted_at IS NOT NULL"))
        .isEqualTo(String.join(",", gone.stream().sorted().toList()));
    clock.advance(Duration.ofHours(1));
    LoadResult again = load(export);
    assertThat(again.counts().changed()).isEqualTo(2);
    assertThat(
            single(
                "SELECT count(*) FROM " + table("conversations") + " WHERE deleted_at IS NOT NULL"))
        .isEqualTo("0");
  }

  @Test
  void usersOfTwoIntervalsKeepTheTimelinesOfBoth() throws Exception {
    Path early = EmulatorNdjson.users(dir.resolve("early.ndjson"), 2);
    load(early);
    long presenceEarly = Long.parseLong(single("SELECT count(*) FROM " + table("user_presence")));

    Path wider = EmulatorNdjson.users(dir.resolve("wider.ndjson"), 4);
    LoadResult result = load(wider);

    assertThat(result.kind()).isEqualTo(RecordKind.USERS);
    long users = Files.readAllLines(wider).size();
    assertThat(single("SELECT count(*) FROM " + table("users"))).isEqualTo(String.valueOf(users));
    long presence = Long.parseLong(single("SELECT count(*) FROM " + table("user_presence")));
    assertThat(presence).isGreaterThan(presenceEarly).isEqualTo(count(wider, "primaryPresence"));
  }

  @Test
  void usersOfTwoIntervalsInOneFileKeepTheTimelinesOfBoth() throws Exception {
    Path both = usersOfTwoIntervals();

    load(both);

    assertThat(single("SELECT count(*) FROM " + table("user_presence")))
        .isEqualTo(String.valueOf(distinctStarts(both, "primaryPresence")));
    assertThat(single("SELECT count(*) FROM " + table("user_routing_status")))
        .isEqualTo(String.valueOf(distinctStarts(both, "routingStatus")));
  }

  @Test
  void aReloadOfUsersOfTwoIntervalsInOneFileChangesNothing() throws Exception {
    Path both = usersOfTwoIntervals();
    LoadResult first = load(both);
    String stamps =
        "SELECT string_agg(user_id || ' ' || content_hash || ' ' || last_changed_at, ','"
            + " ORDER BY user_id) FROM "
            + table("users");
    String before = single(stamps);
    clock.advance(Duration.ofHours(1));

    LoadResult again = load(both);

    long users = single("SELECT count(*) FROM " + table("users")).transform(Long::parseLong);
    assertThat(first.counts().inserted()).isEqualTo(users);
    assertThat(first.counts().changed()).as("a user's later intervals, in the same load").isZero();
    assertThat(again.counts().inserted()).isZero();
    assertThat(again.counts().changed()).isZero();
    assertThat(again.counts().unchanged()).isEqualTo(users);
    assertThat(single(stamps)).isEqualTo(before);
  }

  @Test
  void aUserWhoseTimelineChangedIsCountedChangedAndItsRowReplaced() throws Exception {
    Path both = usersOfTwoIntervals();
    load(both);
    List<String> lines = Files.readAllLines(both);
    ObjectNode edited = (ObjectNode) JSON.readTree(lines.get(0));
    String user = edited.path("userId").asText();
    JsonNode first = edited.path("primaryPresence").get(0);
    ((ObjectNode) first).put("systemPresence", "EDITED");
    lines.set(0, edited.toString());
    Files.write(both, lines);
    clock.advance(Duration.ofHours(1));

    LoadResult again = load(both);

    assertThat(again.counts().changed()).isEqualTo(1);
    assertThat(again.counts().inserted()).isZero();
    assertThat(
            single(
                "SELECT count(*) FROM "
                    + table("user_presence")
                    + " WHERE system_presence = 'EDITED' AND user_id = '"
                    + user
                    + "'"))
        .isEqualTo("1");
  }

  @Test
  void usersWithEmptyTimelinesLoad() throws Exception {
    // A user who is no agent has no routing status; a batch may hold only such arrays.
    Path users = dir.resolve("empty.ndjson");
    Files.writeString(
        users,
        """
        {"userId":"u1","primaryPresence":[{"startTime":"2024-01-01T00:00:00Z",\
        "systemPresence":"AVAILABLE"}],"routingStatus":[]}
        {"userId":"u1","primaryPresence":[{"startTime":"2024-01-02T00:00:00Z",\
        "systemPresence":"AWAY"}],"routingStatus":[]}
        {"userId":"u2","primaryPresence":[],"routingStatus":[{"startTime":"2024-01-02T00:00:00Z",\
        "routingStatus":"IDLE"}]}
        """);

    LoadResult result = load(users);

    assertThat(result.counts().inserted()).isEqualTo(2);
    assertThat(single("SELECT count(*) FROM " + table("user_presence"))).isEqualTo("2");
    assertThat(single("SELECT count(*) FROM " + table("user_routing_status"))).isEqualTo("1");
  }

  /**
   * Users of four days, then of the first two again, in one file: as an export of several chunks
   * holds them, a user once per chunk that saw them.
   */
  private Path usersOfTwoIntervals() throws IOException {
    Path wider = EmulatorNdjson.users(dir.resolve("wider.ndjson"), 4);
    Path early = EmulatorNdjson.users(dir.resolve("early.ndjson"), 2);
    Path both = dir.resolve("both.ndjson");
    Files.write(both, Files.readAllLines(wider));
    Files.write(both, Files.readAllLines(early), java.nio.file.StandardOpenOption.APPEND);
    return both;
  }

  /** The distinct (user, start time) pairs of the elements of {@code array} in the NDJSON. */
  private static long distinctStarts(Path ndjson, String array) throws IOException {
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (String line : Files.readAllLines(ndjson)) {
      JsonNode user = JSON.readTree(line);
      for (JsonNode element : user.path(array)) {
        keys.add(user.path("userId").asText() + " " + element.path("startTime").asText());
      }
    }
    return keys.size();
  }

  String single(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Table table : CONVERSATIONS.tables()) {
      counts.put(
          table.name(), Long.parseLong(single("SELECT count(*) FROM " + table(table.name()))));
    }
    return counts;
  }

  /** The rows each table should get, counted from the NDJSON with Jackson alone. */
  static Map<String, Long> expectedCounts(Path ndjson) throws IOException {
    Map<String, Long> n = new LinkedHashMap<>();
    CONVERSATIONS.tables().forEach(t -> n.put(t.name(), 0L));
    for (String line : Files.readAllLines(ndjson)) {
      JsonNode c = JSON.readTree(line);
      n.merge("conversations", 1L, Long::sum);
      n.merge("conversation_divisions", (long) c.path("divisionIds").size(), Long::sum);
      n.merge("evaluations", (long) c.path("evaluations").size(), Long::sum);
      n.merge("surveys", (long) c.path("surveys").size(), Long::sum);
      n.merge("resolutions", (long) c.path("resolutions").size(), Long::sum);
      for (JsonNode p : c.path("participants")) {
        n.merge("participants", 1L, Long::sum);
        n.merge("participant_attributes", (long) p.path("attributes").size(), Long::sum);
        for (JsonNode s : p.path("sessions")) {
          n.merge("sessions", 1L, Long::sum);
          n.merge("segments", (long) s.path("segments").size(), Long::sum);
          n.merge("session_metrics", (long) s.path("metrics").size(), Long::sum);
        }
      }
    }
    return n;
  }

  private static long count(Path ndjson, String array) throws IOException {
    long n = 0;
    for (String line : Files.readAllLines(ndjson)) {
      n += JSON.readTree(line).path(array).size();
    }
    return n;
  }

  private static ObjectNode firstWithSegments(Path ndjson, int segments) throws IOException {
    for (String line : Files.readAllLines(ndjson)) {
      ObjectNode c = (ObjectNode) JSON.readTree(line);
      if (firstSessionWithSegments(c, segments) != null) {
        return c;
      }
    }
    throw new AssertionError("no conversation with a session of " + segments + " segments");
  }

  private static ArrayNode firstSessionWithSegments(ObjectNode c, int segments) {
    for (JsonNode p : c.path("participants")) {
      for (JsonNode s : p.path("sessions")) {
        if (s.path("segments").size() >= segments) {
          return (ArrayNode) s.get("segments");
        }
      }
    }
    return null;
  }

  private static long segmentsOf(ObjectNode c) {
    long n = 0;
    for (Iterator<JsonNode> p = c.path("participants").elements(); p.hasNext(); ) {
      for (JsonNode s : p.next().path("sessions")) {
        n += s.path("segments").size();
      }
    }
    return n;
  }
}
