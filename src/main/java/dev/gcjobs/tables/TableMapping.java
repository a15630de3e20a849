package dev.gcjobs.tables;

import static dev.gcjobs.tables.Column.field;
import static dev.gcjobs.tables.Column.parent;
import static dev.gcjobs.tables.Column.position;
import static dev.gcjobs.tables.ColumnType.BIGINT;
import static dev.gcjobs.tables.ColumnType.BOOLEAN;
import static dev.gcjobs.tables.ColumnType.DOUBLE;
import static dev.gcjobs.tables.ColumnType.JSON;
import static dev.gcjobs.tables.ColumnType.TEXT;
import static dev.gcjobs.tables.ColumnType.TIMESTAMPTZ;

import dev.gcjobs.tables.Column.Source;
import dev.gcjobs.tables.Table.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping from records to tables, declared once: it drives the DDL, the flattener, both
 * destinations and {@code docs/tables.md}. JSON names are those of Genesys' {@code
 * AnalyticsConversation} and user details; a field not declared here stays in each record's {@code
 * raw} column and is reported by the load.
 */
public final class TableMapping {
  private static final TableMapping CONVERSATIONS =
      new TableMapping(RecordKind.CONVERSATIONS, conversations());
  private static final TableMapping USERS = new TableMapping(RecordKind.USERS, users());

  private final RecordKind kind;
  private final Table root;
  private final List<Table> tables;

  private TableMapping(RecordKind kind, Table root) {
    this.kind = kind;
    this.root = root;
    List<Table> all = new ArrayList<>();
    collect(root, all);
    this.tables = List.copyOf(all);
    for (Table table : tables) {
      List<Column> fromParents =
          table.keyColumns().stream().filter(c -> c.source() == Source.PARENT).toList();
      if (table.keyMayRepeat() && !fromParents.equals(List.of(Column.parent(idColumn().name())))) {
        // The load finds repeated keys within a record, by the element's own key fields.
        throw new IllegalStateException(
            table.name() + ": a repeatable key must be record id + own");
      }
    }
  }

  /** The mapping of {@code kind}'s records. */
  public static TableMapping of(RecordKind kind) {
    return kind == RecordKind.CONVERSATIONS ? CONVERSATIONS : USERS;
  }

  public RecordKind kind() {
    return kind;
  }

  /** The top-level table: one row per record. */
  public Table root() {
    return root;
  }

  /** Every table, the top-level one first, each parent before its children. */
  public List<Table> tables() {
    return tables;
  }

  /** The top-level table's key column, the record's id. */
  public Column idColumn() {
    return root.keyColumns().get(0);
  }

  private static void collect(Table table, List<Table> into) {
    into.add(table);
    table.children().forEach(child -> collect(child, into));
  }

  private static Table conversations() {
    Table divisions =
        new Table(
            "conversation_divisions",
            "The divisions a conversation belongs to.",
            "divisionIds",
            Shape.STRINGS,
            List.of(
                parent("conversation_id"),
                new Column("division_id", TEXT, Source.ELEMENT, "divisionIds[]", true)),
            List.of());
    Table attributes =
        new Table(
            "participant_attributes",
            "A participant's attributes (participant data), one row per name.",
            "attributes",
            Shape.ENTRIES,
            List.of(
                parent("conversation_id"),
                parent("participant_id"),
                new Column("name", TEXT, Source.ENTRY_NAME, "attributes (name)", true),
                new Column("value", TEXT, Source.ENTRY_VALUE, "attributes (value)", false)),
            List.of());
    Table segments =
        new Table(
            "segments",
            "A session's segments (interact, hold, wrapup, ...), in order.",
            "segments",
            Shape.OBJECTS,
            List.of(
                parent("conversation_id"),
                parent("session_id"),
                position(),
                parent("participant_id").notKey(),
                field("segmentStart", TIMESTAMPTZ),
                field("segmentEnd", TIMESTAMPTZ),
                field("segmentType", TEXT),
                field("queueId", TEXT),
                field("disconnectType", TEXT),
                field("wrapUpCode", TEXT),
                field("wrapUpNote", TEXT),
                field("wrapUpTags", JSON),
                field("subject", TEXT),
                field("conference", BOOLEAN),
                field("audioMuted", BOOLEAN),
                field("videoMuted", BOOLEAN),
                field("groupId", TEXT),
                field("errorCode", TEXT),
                field("requestedLanguageId", TEXT),
                field("requestedRoutingSkillIds", JSON),
                field("requestedRoutingUserIds", JSON),
                field("sourceConversationId", TEXT),
                field("sourceSessionId", TEXT),
                field("destinationConversationId", TEXT),
                field("destinationSessionId", TEXT),
                field("sipResponseCodes", JSON),
                field("q850ResponseCodes", JSON)),
            List.of());
    Table metrics =
        new Table(
            "session_metrics",
            "A session's metrics (tHandle, tTalk, nConnected, ...): durations in milliseconds.",
            "metrics",
            Shape.OBJECTS,
            List.of(
                parent("conversation_id"),
                parent("session_id"),
                field("name", TEXT).asKey(),
                field("emitDate", TIMESTAMPTZ).asKey(),
                position(),
                parent("participant_id").notKey(),
                field("value", BIGINT)),
            List.of());
    Table sessions =
        new Table(
            "sessions",
            "A participant's sessions: one per media and connection.",
            "sessions",
            Shape.OBJECTS,
            List.of(
                parent("conversation_id"),
                field("sessionId", TEXT).asKey(),
                parent("participant_id").notKey(),
                field("mediaType", TEXT),
                field("direction", TEXT),
                field("messageType", TEXT),
                field("ani", TEXT),
                field("dnis", TEXT),
                field("sessionDnis", TEXT),
                field("addressFrom", TEXT),
                field("addressTo", TEXT),
                field("addressSelf", TEXT),
                field("addressOther", TEXT),
                field("remote", TEXT),
                field("provider", TEXT),
                field("edgeId", TEXT),
                field("protocolCallId", TEXT),
                field("peerId", TEXT),
                field("usedRouting", TEXT),
                field("requestedRoutings", JSON),
                field("routingRing", BIGINT),
                field("agentBullseyeRing", BIGINT),
                field("selectedAgentId", TEXT),
                field("activeSkillIds", JSON),
                field("removedSkillIds", JSON),
                field("callbackNumbers", JSON),
                field("callbackScheduledTime", TIMESTAMPTZ),
                field("callbackUserName", TEXT),
                field("recording", BOOLEAN),
                field("acwSkipped", BOOLEAN),
                field("agentOwned", BOOLEAN),
                field("authenticated", BOOLEAN),
                field("cleared", BOOLEAN),
                field("timeoutSeconds", BIGINT),
                field("mediaCount", BIGINT),
                field("deliveryStatus", TEXT),
                field("dispositionName", TEXT),
                field("dispositionAnalyzer", TEXT),
                field("flowInType", TEXT),
                field("flowOutType", TEXT),
                field("outboundCampaignId", TEXT),
                field("outboundContactId", TEXT),
                field("outboundContactListId", TEXT),
                field("scriptId", TEXT),
                field("roomId", TEXT),
                field("flow_id", "flow.flowId", TEXT),
                field("flow_name", "flow.flowName", TEXT),
                field("flow_type", "flow.flowType", TEXT),
                field("flow_version", "flow.flowVersion", TEXT),
                field("flow_entry_reason", "flow.entryReason", TEXT),
                field("flow_entry_type", "flow.entryType", TEXT),
                field("flow_exit_reason", "flow.exitReason", TEXT),
                field("flow_transfer_type", "flow.transferType", TEXT),
                field("flow_transfer_target_name", "flow.transferTargetName", TEXT),
                field("flow_transfer_target_address", "flow.transferTargetAddress", TEXT),
                field("flow_starting_language", "flow.startingLanguage", TEXT),
                field("flow_ending_language", "flow.endingLanguage", TEXT),
                field("flow_issued_callback", "flow.issuedCallback", BOOLEAN)),
            List.of(segments, metrics));
    Table participants =
        new Table(
            "participants",
            "A conversation's participants: customer, IVR, ACD, agents, ...",
            "participants",
            Shape.OBJECTS,
            List.of(
                parent("conversation_id"),
                field("participantId", TEXT).asKey(),
                field("participantName", TEXT),
                field("purpose", TEXT),
                field("userId", TEXT),
                field("teamId", TEXT),
                field("externalContactId", TEXT),
                field("externalOrganizationId", TEXT),
                field("flaggedReason", TEXT),
                field("screenRecording", BOOLEAN)),
            List.of(attributes, sessions));
    Table evaluations =
        new Table(
            "evaluations",
            "The quality evaluations of a conversation.",
            "evaluations",
            Shape.OBJECTS,
            List.of(
                parent("conversation_id"),
                position(),
                field("evaluationId", TEXT),
                field("evaluatorId", TEXT),
                field("userId", TEXT),
                field("queueId", TEXT),
                field("formId", TEXT),
                field("formName", TEXT),
                field("contextId", TEXT),
                field("calibrationId", TEXT),
                field("eventTime", TIMESTAMPTZ),
                field("released", BOOLEAN),
                field("rescored", BOOLEAN),
                field("deleted", BOOLEAN),
                field("oTotalScore", BIGINT),
                field("oTotalCriticalScore", BIGINT)),
            List.of());
    Table surveys =
        new Table(
            "surveys",
            "The surveys of a conversation.",
            "surveys",
            Shape.OBJECTS,
            List.of(
                parent("conversation_id"),
                position(),
                field("surveyId", TEXT),
                field("surveyFormId", TEXT),
                field("surveyFormName", TEXT),
                field("surveyFormContextId", TEXT),
                field("surveyStatus", TEXT),
                field("surveyType", TEXT),
                field("surveyPromoterScore", BIGINT),
                field("surveyPartialResponse", BOOLEAN),
                field("surveyCompletedDate", TIMESTAMPTZ),
                field("eventTime", TIMESTAMPTZ),
                field("queueId", TEXT),
                field("userId", TEXT),
                field("oSurveyTotalScore", BIGINT)),
            List.of());
    Table resolutions =
        new Table(
            "resolutions",
            "Whether a conversation resolved the customer's issue (next contact avoided).",
            "resolutions",
            Shape.OBJECTS,
            List.of(
                parent("conversation_id"),
                position(),
                field("eventTime", TIMESTAMPTZ),
                field("queueId", TEXT),
                field("userId", TEXT),
                field("nNextContactAvoided", BIGINT)),
            List.of());
    List<Column> columns =
        new ArrayList<>(
            List.of(
                field("conversationId", TEXT).asKey(),
                field("conversationStart", TIMESTAMPTZ),
                field("conversationEnd", TIMESTAMPTZ),
                field("originatingDirection", TEXT),
                field("conversationInitiator", TEXT),
                field("customerParticipation", BOOLEAN),
                field("mediaStatsMinConversationMos", DOUBLE),
                field("mediaStatsMinConversationRFactor", DOUBLE),
                field("externalTag", TEXT),
                field("selfServed", BOOLEAN),
                field("conferenceStart", TIMESTAMPTZ),
                field("associatedConversationId", TEXT),
                field("consultationConversationIds", JSON),
                field("knowledgeBaseIds", JSON),
                field("accessAttributes", JSON),
                field("inactivityTimeout", TIMESTAMPTZ),
                field("originatingSocialMediaPublic", BOOLEAN)));
    columns.addAll(recordColumns());
    return new Table(
        "conversations",
        "The conversations.",
        null,
        Shape.RECORD,
        columns,
        List.of(divisions, participants, evaluations, surveys, resolutions));
  }

  private static Table users() {
    Table presence =
        new Table(
            "user_presence",
            "A user's primary presence periods (available, on queue, break, ...).",
            "primaryPresence",
            Shape.OBJECTS,
            List.of(
                parent("user_id"),
                field("startTime", TIMESTAMPTZ).asKey(),
                field("endTime", TIMESTAMPTZ),
                field("systemPresence", TEXT),
                field("organizationPresenceId", TEXT)),
            List.of());
    Table routing =
        new Table(
            "user_routing_status",
            "A user's routing status periods (idle, interacting, off queue, ...).",
            "routingStatus",
            Shape.OBJECTS,
            List.of(
                parent("user_id"),
                field("startTime", TIMESTAMPTZ).asKey(),
                field("endTime", TIMESTAMPTZ),
                field("routingStatus", TEXT)),
            List.of());
    List<Column> columns = new ArrayList<>(List.of(field("userId", TEXT).asKey()));
    columns.addAll(recordColumns());
    return new Table(
        "users",
        "The users seen, each with the last record that changed their timeline rows.",
        null,
        Shape.RECORD,
        columns,
        List.of(presence, routing));
  }

  /** What every top-level row keeps besides its fields. */
  private static List<Column> recordColumns() {
    return List.of(
        new Column("raw", JSON, Source.RAW, "the whole record", false),
        new Column("content_hash", TEXT, Source.CONTENT_HASH, "SHA-256 of `raw`", false),
        Column.loadTime("first_loaded_at", "when the record was first loaded"),
        Column.loadTime("last_changed_at", "when the record was last loaded with new content"),
        Column.loadTime("deleted_at", "when the record was found gone from Genesys, else null"),
        Column.loadTime("last_seen_at", "when a load last read the record, changed or not"));
  }
}
