package dev.gcjobs.emulator;

import dev.gcjobs.emulator.SyntheticConversation.Metric;
import dev.gcjobs.emulator.SyntheticConversation.Participant;
import dev.gcjobs.emulator.SyntheticConversation.Segment;
import dev.gcjobs.emulator.SyntheticConversation.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The two filter levels of a conversation detail query. Dimension and metric names are the official
 * SDK's ({@code ConversationDetailQueryPredicate}, {@code SegmentDetailQueryPredicate}). Segment
 * predicates see one segment with its session and participant.
 */
final class ConversationFilterLevels {
  private ConversationFilterLevels() {}

  /** One segment in the context of its session and participant. */
  record SegmentContext(Participant participant, Session session, Segment segment) {}

  static final FilterLevel<SyntheticConversation> CONVERSATION =
      new FilterLevel<>(
          "conversationFilters",
          "conversation",
          Set.of(
              "conversationEnd",
              "conversationId",
              "conversationInitiator",
              "conversationStart",
              "customerParticipation",
              "divisionId",
              "externalTag",
              "mediaStatsMinConversationMos",
              "originatingDirection",
              "originatingSocialMediaPublic"),
          conversationReaders(),
          Set.of("conversationStart", "conversationEnd"),
          Set.of(
              "nBlindTransferred",
              "nBotInteractions",
              "nCobrowseSessions",
              "nConnected",
              "nConsult",
              "nConsultTransferred",
              "nError",
              "nFlow",
              "nFlowMilestone",
              "nFlowOutcome",
              "nFlowOutcomeFailed",
              "nOffered",
              "nOutbound",
              "nOutboundAbandoned",
              "nOutboundAttempted",
              "nOutboundConnected",
              "nOverSla",
              "nStateTransitionError",
              "nTransferred",
              "oExternalMediaCount",
              "oFlowMilestone",
              "oMediaCount",
              "oMessageCount",
              "oMessageSegmentCount",
              "oMessageTurn",
              "tAbandon",
              "tAcd",
              "tActiveCallback",
              "tActiveCallbackComplete",
              "tAcw",
              "tAgentResponseTime",
              "tAlert",
              "tAnswered",
              "tBarging",
              "tCallback",
              "tCallbackComplete",
              "tCoaching",
              "tCoachingComplete",
              "tConnected",
              "tContacting",
              "tConversationDuration",
              "tDialing",
              "tFirstConnect",
              "tFirstDial",
              "tFlow",
              "tFlowDisconnect",
              "tFlowExit",
              "tFlowOut",
              "tFlowOutcome",
              "tHandle",
              "tHeld",
              "tHeldComplete",
              "tIvr",
              "tMonitoring",
              "tMonitoringComplete",
              "tNotResponding",
              "tPark",
              "tParkComplete",
              "tShortAbandon",
              "tTalk",
              "tTalkComplete",
              "tUserResponseTime",
              "tVoicemail"),
          ConversationFilterLevels::conversationMetric);

  static final FilterLevel<SegmentContext> SEGMENT =
      new FilterLevel<>(
          "segmentFilters",
          "segment",
          Set.of(
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
              "wrapUpNote"),
          segmentReaders(),
          Set.of("segmentEnd", "callbackScheduledTime"),
          Set.of("tSegmentDuration"),
          (s, metric) ->
              s.segment().end() == SyntheticConversation.OPEN
                  ? null
                  : s.segment().end() - s.segment().start());

  /** Both levels, for telling a user where a misplaced dimension belongs. */
  static final List<FilterLevel<?>> ALL = List.of(CONVERSATION, SEGMENT);

  private static Map<String, Function<SyntheticConversation, List<String>>> conversationReaders() {
    Map<String, Function<SyntheticConversation, List<String>>> r = new HashMap<>();
    r.put("conversationId", c -> List.of(c.conversationId()));
    r.put("conversationStart", c -> List.of(IsoMillis.format(c.start())));
    r.put("conversationEnd", c -> date(c.end()));
    r.put("divisionId", SyntheticConversation::divisionIds);
    r.put("originatingDirection", c -> List.of(c.originatingDirection()));
    r.put("customerParticipation", c -> text(c.customerParticipation()));
    r.put("mediaStatsMinConversationMos", c -> text(c.mediaStatsMinConversationMos()));
    return r;
  }

  private static Map<String, Function<SegmentContext, List<String>>> segmentReaders() {
    Map<String, Function<SegmentContext, List<String>>> r = new HashMap<>();
    r.put("purpose", s -> List.of(s.participant().purpose()));
    r.put("participantName", s -> text(s.participant().participantName()));
    r.put("userId", s -> text(s.participant().userId()));
    r.put("mediaType", s -> List.of(s.session().mediaType()));
    r.put("direction", s -> List.of(s.session().direction()));
    r.put("ani", s -> text(s.session().ani()));
    r.put("dnis", s -> text(s.session().dnis()));
    r.put("addressFrom", s -> text(s.session().addressFrom()));
    r.put("addressTo", s -> text(s.session().addressTo()));
    r.put("messageType", s -> text(s.session().messageType()));
    r.put("provider", s -> text(s.session().provider()));
    r.put("remote", s -> text(s.session().remote()));
    r.put("recording", s -> text(s.session().recording()));
    r.put("usedRouting", s -> text(s.session().usedRouting()));
    r.put("requestedRouting", s -> list(s.session().requestedRoutings()));
    r.put("callbackNumber", s -> list(s.session().callbackNumbers()));
    r.put(
        "callbackScheduledTime",
        s ->
            s.session().callbackScheduledTime() == null
                ? List.of()
                : date(s.session().callbackScheduledTime()));
    r.put("segmentType", s -> List.of(s.segment().segmentType()));
    r.put("queueId", s -> text(s.segment().queueId()));
    r.put("wrapUpCode", s -> text(s.segment().wrapUpCode()));
    r.put("disconnectType", s -> text(s.segment().disconnectType()));
    r.put("subject", s -> text(s.segment().subject()));
    r.put("segmentEnd", s -> date(s.segment().end()));
    return r;
  }

  /** A conversation-level metric: the sum over every session that emitted it. */
  private static Long conversationMetric(SyntheticConversation c, String name) {
    Long sum = null;
    for (Participant p : c.participants()) {
      for (Session s : p.sessions()) {
        for (Metric m : s.metrics()) {
          if (m.name().equals(name)) {
            sum = (sum == null ? 0 : sum) + m.value();
          }
        }
      }
    }
    return sum;
  }

  private static List<String> date(long millis) {
    return millis == SyntheticConversation.OPEN ? List.of() : List.of(IsoMillis.format(millis));
  }

  private static List<String> text(Object value) {
    return value == null ? List.of() : List.of(value.toString());
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : values;
  }
}
