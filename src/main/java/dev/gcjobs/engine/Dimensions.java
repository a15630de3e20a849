package dev.gcjobs.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The filter dimensions Genesys documents, and the filter list of the query each one belongs in.
 * Conversation and segment dimensions are copied from {@code shared/genesys-models.md} (SDK 212.0.0
 * docs); user, presence and routing-status dimensions from the official Java SDK 198.1.0 ({@code
 * UserDetailQueryPredicate}, {@code PresenceDetailQueryPredicate}, {@code
 * RoutingStatusDetailQueryPredicate}). Genesys may have added names since; a raw query ({@code
 * --query}) can use any.
 */
public final class Dimensions {
  /** Dimensions of {@code conversationFilters}: facts about the whole conversation. */
  public static final List<String> CONVERSATION =
      List.of(
          "conversationEnd",
          "conversationId",
          "conversationInitiator",
          "conversationStart",
          "customerParticipation",
          "divisionId",
          "externalTag",
          "mediaStatsMinConversationMos",
          "originatingDirection",
          "originatingSocialMediaPublic");

  /** Dimensions of {@code segmentFilters}: facts about one segment of one participant's session. */
  public static final List<String> SEGMENT =
      List.of(
          "addressFrom",
          "addressTo",
          "agentAssistantId",
          "agentOwned",
          "ani",
          "authenticated",
          "bargedParticipantId",
          "callbackNumber",
          "callbackScheduledTime",
          "canonicalExternalContactId",
          "cleared",
          "coachedParticipantId",
          "conference",
          "deliveryStatus",
          "destinationAddress",
          "destinationConversationId",
          "detectedSpeechEnd",
          "detectedSpeechStart",
          "direction",
          "disconnectType",
          "dnis",
          "edgeId",
          "errorCode",
          "exitReason",
          "extendedDeliveryStatus",
          "externalContactId",
          "externalOrganizationId",
          "flaggedReason",
          "flowId",
          "flowName",
          "flowOutType",
          "flowOutcome",
          "flowOutcomeId",
          "flowOutcomeValue",
          "flowVersion",
          "groupId",
          "journeyActionId",
          "journeyActionMapId",
          "journeyCustomerId",
          "journeyCustomerIdType",
          "journeyCustomerSessionId",
          "mediaCount",
          "mediaType",
          "messageType",
          "monitoredParticipantId",
          "outboundCampaignId",
          "outboundContactId",
          "outboundContactListId",
          "participantName",
          "protocolCallId",
          "provider",
          "purpose",
          "queueId",
          "recording",
          "remote",
          "remoteNameDisplayable",
          "requestedLanguageId",
          "requestedRouting",
          "requestedRoutingSkillId",
          "scoredAgentId",
          "screenRecording",
          "scriptId",
          "segmentEnd",
          "segmentType",
          "sessionDnis",
          "sipResponseCode",
          "subject",
          "teamId",
          "transferTargetAddress",
          "transferTargetName",
          "transferType",
          "usedRouting",
          "userId",
          "wrapUpCode",
          "wrapUpNote");

  /** Dimensions of {@code userFilters} (users kind). */
  public static final List<String> USER = List.of("userId");

  /** Dimensions of {@code presenceFilters} (users kind). */
  public static final List<String> PRESENCE = List.of("organizationPresenceId", "systemPresence");

  /** Dimensions of {@code routingStatusFilters} (users kind). */
  public static final List<String> ROUTING_STATUS = List.of("routingStatus");

  /**
   * Documented values of a few enum dimensions, used only to suggest alternatives in messages,
   * never to reject a value (Genesys adds values over time).
   */
  static final Map<String, List<String>> KNOWN_VALUES =
      Map.of(
          "mediaType",
          List.of(
              "callback",
              "chat",
              "cobrowse",
              "email",
              "internalmessage",
              "message",
              "screenmonitoring",
              "screenshare",
              "unknown",
              "video",
              "voice"),
          "direction",
          List.of("inbound", "outbound"),
          "purpose",
          List.of(
              "acd",
              "agent",
              "api",
              "botflow",
              "campaign",
              "customer",
              "dialer",
              "external",
              "fax",
              "group",
              "inbound",
              "ivr",
              "manual",
              "outbound",
              "station",
              "user",
              "voicemail",
              "voicesurveyflow",
              "workflow"));

  private Dimensions() {}

  /**
   * The query field whose filters hold {@code dimension} for {@code kind} ({@code
   * conversationFilters}, {@code segmentFilters}, {@code userFilters}, {@code presenceFilters},
   * {@code routingStatusFilters}); empty when the kind has no such dimension. Names are
   * case-sensitive, as in Genesys.
   */
  public static Optional<String> filterListOf(ExportKind kind, String dimension) {
    return switch (kind) {
      case CONVERSATIONS ->
          CONVERSATION.contains(dimension)
              ? Optional.of("conversationFilters")
              : SEGMENT.contains(dimension) ? Optional.of("segmentFilters") : Optional.empty();
      case USERS ->
          USER.contains(dimension)
              ? Optional.of("userFilters")
              : PRESENCE.contains(dimension)
                  ? Optional.of("presenceFilters")
                  : ROUTING_STATUS.contains(dimension)
                      ? Optional.of("routingStatusFilters")
                      : Optional.empty();
    };
  }

  /** Every dimension {@code kind} accepts, in documentation order. */
  public static List<String> of(ExportKind kind) {
    return switch (kind) {
      case CONVERSATIONS -> concat(CONVERSATION, SEGMENT);
      case USERS -> concat(concat(USER, PRESENCE), ROUTING_STATUS);
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
