package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class FlattenerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableMapping CONVERSATIONS = TableMapping.of(RecordKind.CONVERSATIONS);

  private final UnknownFields unknown = new UnknownFields();
  private final Flattener flattener = new Flattener(CONVERSATIONS, unknown);

  @Test
  void aConversationWithEveryPartMapsToTheExpectedRowsColumnByColumn() throws IOException {
    JsonNode record = everyPart();
    FlatRecord flat = flattener.flatten(record, record.toString());

    assertThat(flat.id()).isEqualTo("c-1");
    Map<String, Object> conversation = single(flat, "conversations");
    assertThat(conversation)
        .contains(
            entry("conversation_id", "c-1"),
            entry("conversation_start", Instant.parse("2024-06-01T08:00:00Z")),
            entry("conversation_end", Instant.parse("2024-06-01T08:10:00.500Z")),
            entry("originating_direction", "inbound"),
            entry("customer_participation", true),
            entry("media_stats_min_conversation_mos", 4.38),
            entry("knowledge_base_ids", "[\"kb-1\"]"),
            entry("external_tag", null),
            entry("raw", record.toString()),
            entry("content_hash", flat.contentHash()));
    assertThat(flat.contentHash()).hasSize(64);
    assertThat(rows(flat, "conversation_divisions"))
        .containsExactly(
            Map.of("conversation_id", "c-1", "division_id", "d-1"),
            Map.of("conversation_id", "c-1", "division_id", "d-2"));
    assertThat(rows(flat, "participants"))
        .extracting(r -> r.get("participant_id"), r -> r.get("purpose"), r -> r.get("user_id"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("p-cust", "customer", null),
            org.assertj.core.groups.Tuple.tuple("p-agent", "agent", "u-1"));
    assertThat(rows(flat, "participant_attributes"))
        .containsExactly(
            Map.of(
                "conversation_id",
                "c-1",
                "participant_id",
                "p-cust",
                "name",
                "language",
                "value",
                "en-US"),
            Map.of(
                "conversation_id",
                "c-1",
                "participant_id",
                "p-cust",
                "name",
                "intent",
                "value",
                "billing"));
    List<Map<String, Object>> sessions = rows(flat, "sessions");
    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0))
        .contains(
            entry("conversation_id", "c-1"),
            entry("session_id", "s-1"),
            entry("participant_id", "p-cust"),
            entry("media_type", "voice"),
            entry("ani", "tel:+15550001"),
            entry("requested_routings", "[\"Standard\"]"),
            entry("recording", false),
            entry("flow_id", "f-1"),
            entry("flow_name", "Main IVR"),
            entry("flow_type", "INBOUNDCALL"));
    List<Map<String, Object>> segments = rows(flat, "segments");
    assertThat(segments).hasSize(3);
    assertThat(segments.get(2))
        .containsAllEntriesOf(
            Map.of(
                "conversation_id", "c-1",
                "session_id", "s-2",
                "position", 1,
                "participant_id", "p-agent",
                "segment_type", "wrapup",
                "queue_id", "q-1",
                "wrap_up_code", "w-1",
                "wrap_up_tags", "[\"a\",\"b\"]",
                "segment_start", Instant.parse("2024-06-01T08:08:00Z"),
                "segment_end", Instant.parse("2024-06-01T08:10:00Z")));
    assertThat(segments.get(1)).containsEntry("conference", false).containsEntry("position", 0);
    assertThat(rows(flat, "session_metrics"))
        .extracting(r -> r.get("session_id") + "/" + r.get("position") + " " + r.get("name"))
        .containsExactly("s-1/0 tIvr", "s-2/0 tTalk", "s-2/1 tHandle");
    assertThat(rows(flat, "session_metrics").get(2))
        .containsEntry("value", 480_000L)
        .containsEntry("emit_date", Instant.parse("2024-06-01T08:10:00Z"))
        .containsEntry("participant_id", "p-agent");
    assertThat(single(flat, "evaluations"))
        .contains(
            entry("conversation_id", "c-1"),
            entry("position", 0),
            entry("evaluation_id", "e-1"),
            entry("form_name", "Quality"),
            entry("event_time", Instant.parse("2024-06-02T09:00:00Z")),
            entry("released", true),
            entry("o_total_score", 87L));
    assertThat(single(flat, "surveys"))
        .contains(
            entry("survey_id", "sv-1"),
            entry("survey_status", "Finished"),
            entry("survey_promoter_score", 9L),
            entry("survey_type", "Web"),
            entry("survey_completed_date", Instant.parse("2024-06-01T09:00:00Z")));
    assertThat(single(flat, "resolutions"))
        .contains(entry("queue_id", "q-1"), entry("n_next_contact_avoided", 1L));
  }

  @Test
  void fieldsTheMappingDoesNotKnowAreCountedPerPathOncePerRecord() throws IOException {
    JsonNode record = everyPart();
    flattener.flatten(record, record.toString());
    flattener.flatten(record, record.toString());

    assertThat(unknown.byPath())
        .containsExactly(
            entry("futureField", 2L), entry("participants[].sessions[].flow.outcomes", 2L));
  }

  @Test
  void aValueOfTheWrongTypeIsNullInItsColumnAndReported() throws IOException {
    JsonNode record =
        JSON.readTree(
            "{\"conversationId\":\"c\",\"conversationStart\":\"yesterday\","
                + "\"customerParticipation\":\"yes\"}");
    Map<String, Object> row = single(flattener.flatten(record, record.toString()), "conversations");

    assertThat(row)
        .containsEntry("conversation_start", null)
        .containsEntry("customer_participation", null);
    assertThat(unknown.byPath())
        .containsOnlyKeys(
            "conversationStart (not timestamptz)", "customerParticipation (not boolean)");
  }

  @Test
  void theContentHashIsTheSha256OfTheRecordAsRead() throws IOException, NoSuchAlgorithmException {
    String line = "{\"conversationId\":\"c\",\"b\":[1,{\"y\":\"é\"}]}";
    String respaced = "{ \"conversationId\": \"c\", \"b\": [1, {\"y\": \"é\"}] }";

    FlatRecord flat = flattener.flatten(JSON.readTree(line), line);

    assertThat(flat.contentHash())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(line.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(ContentHash.of(line))
        .isNotEqualTo(ContentHash.of(respaced));
  }

  @Test
  void aUserRecordMapsToPresenceAndRoutingStatusRows() throws IOException {
    JsonNode user =
        JSON.readTree(
            "{\"userId\":\"u-1\",\"primaryPresence\":[{\"startTime\":\"2024-06-01T08:00:00.000Z\","
                + "\"endTime\":\"2024-06-01T09:00:00.000Z\",\"systemPresence\":\"ON_QUEUE\","
                + "\"organizationPresenceId\":\"op-1\"}],\"routingStatus\":[{\"startTime\":"
                + "\"2024-06-01T08:00:00.000Z\",\"routingStatus\":\"IDLE\"}]}");
    Flattener users = new Flattener(TableMapping.of(RecordKind.USERS), unknown);

    FlatRecord flat = users.flatten(user, user.toString());

    assertThat(RecordKind.of(user)).isEqualTo(RecordKind.USERS);
    assertThat(single(flat, "user_presence"))
        .containsExactlyEntriesOf(
            ordered(
                "user_id", "u-1",
                "start_time", Instant.parse("2024-06-01T08:00:00Z"),
                "end_time", Instant.parse("2024-06-01T09:00:00Z"),
                "system_presence", "ON_QUEUE",
                "organization_presence_id", "op-1"));
    assertThat(single(flat, "user_routing_status"))
        .containsEntry("routing_status", "IDLE")
        .containsEntry("end_time", null);
    assertThat(unknown.byPath()).isEmpty();
  }

  @Test
  void timestampsInOtherIsoFormsAreReadToo() {
    assertThat(Timestamps.parse("2024-06-01T08:00:00Z")).isEqualTo("2024-06-01T08:00:00Z");
    assertThat(Timestamps.parse("2024-02-29T23:59:59.123456789Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
    assertThat(Timestamps.parse("2024-06-01T10:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
    assertThat(Timestamps.parse("2023-02-29T00:00:00Z")).isNull();
    assertThat(Timestamps.parse("1969-12-31T23:59:59.5Z"))
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.500Z"));
  }

  @Test
  void elementsWithoutTheirKeyOrWhoseKeyALaterOneRepeatsAreLeftOutWithTheirChildren()
      throws IOException {
    JsonNode record = keysLeftOut("conversation");

    FlatRecord flat = flattener.flatten(record, record.toString());

    assertThat(rows(flat, "conversation_divisions"))
        .extracting(r -> r.get("division_id"))
        .containsExactly("d-1", "d-2");
    assertThat(rows(flat, "participants"))
        .extracting(r -> r.get("participant_id") + " " + r.get("purpose"))
        .containsExactly("p-1 agent", "p-3 acd");
    assertThat(rows(flat, "participant_attributes")).hasSize(1);
    assertThat(rows(flat, "sessions"))
        .extracting(
            r -> r.get("session_id") + " " + r.get("participant_id") + " " + r.get("direction"))
        .containsExactly("s-2 p-1 null", "s-3 p-3 outbound");
    assertThat(rows(flat, "segments"))
        .extracting(r -> r.get("session_id") + " " + r.get("segment_type"))
        .containsExactly("s-3 hold");
    assertThat(rows(flat, "session_metrics"))
        .extracting(r -> r.get("name"))
        .containsExactly("tTalk");
    assertThat(
            flat.rows()
                .get(0)
                .get(0)[
                CONVERSATIONS
                    .root()
                    .flattenedColumns()
                    .indexOf(CONVERSATIONS.root().column("raw"))])
        .isEqualTo(record.toString());
    unknown.endRecord();
    assertThat(unknown.byPath())
        .containsOnly(
            entry("divisionIds[] (no value)", 1L),
            entry("divisionIds[] (repeated)", 1L),
            entry("participants[] (no participantId)", 1L),
            entry("participants[] (participantId repeated)", 1L),
            entry("participants[].sessions[] (sessionId repeated)", 1L),
            entry("participants[].sessions[].metrics[] (no name)", 1L));
  }

  @Test
  void aUserPeriodWithoutItsStartOrStartingWhenALaterOneStartsIsLeftOut() throws IOException {
    JsonNode record = keysLeftOut("user");
    UnknownFields report = new UnknownFields();

    FlatRecord flat =
        new Flattener(TableMapping.of(RecordKind.USERS), report).flatten(record, record.toString());

    assertThat(rows(flat, "user_presence"))
        .extracting(r -> r.get("system_presence"))
        .containsExactly("AWAY");
    assertThat(rows(flat, "user_routing_status")).hasSize(1);
    assertThat(report.byPath())
        .containsOnly(
            entry("primaryPresence[] (no startTime)", 1L),
            entry("primaryPresence[] (startTime repeated)", 1L));
  }

  /** A record of {@code kind} ("conversation" or "user") with elements the tables leave out. */
  static JsonNode keysLeftOut(String kind) throws IOException {
    try (InputStream in =
        FlattenerTest.class.getResourceAsStream("/tables/" + kind + "-keys-left-out.json")) {
      return JSON.readTree(in);
    }
  }

  static JsonNode everyPart() throws IOException {
    try (InputStream in =
        FlattenerTest.class.getResourceAsStream("/tables/conversation-every-part.json")) {
      return JSON.readTree(in);
    }
  }

  private static Map<String, Object> single(FlatRecord flat, String table) {
    List<Map<String, Object>> rows = rows(flat, table);
    assertThat(rows).as(table).hasSize(1);
    return rows.get(0);
  }

  /** The rows of {@code table}, each as column name → value. */
  static List<Map<String, Object>> rows(FlatRecord flat, String table) {
    TableMapping mapping =
        flat.rows().size() == CONVERSATIONS.tables().size()
                && CONVERSATIONS.tables().stream().anyMatch(t -> t.name().equals(table))
            ? CONVERSATIONS
            : TableMapping.of(RecordKind.USERS);
    int index = mapping.tables().stream().map(Table::name).toList().indexOf(table);
    List<Column> columns = mapping.tables().get(index).flattenedColumns();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object[] values : flat.rows().get(index)) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        row.put(columns.get(i).name(), values[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
