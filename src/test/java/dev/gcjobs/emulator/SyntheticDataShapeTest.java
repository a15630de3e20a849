package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorData.NOW;
import static dev.gcjobs.emulator.EmulatorData.conversations;
import static dev.gcjobs.emulator.EmulatorData.org;
import static dev.gcjobs.emulator.EmulatorData.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.model.AnalyticsConversation;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationSegment;
import com.mypurecloud.sdk.v2.model.AnalyticsParticipant;
import com.mypurecloud.sdk.v2.model.AnalyticsSession;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyntheticDataShapeTest {
  private static final String TWO_DAYS = "2024-03-13T00:00:00Z/2024-03-15T00:00:00Z";

  @Test
  void theSameSeedGivesByteIdenticalRecords() {
    List<EmulatedRecord> first = conversations(org(), "{\"interval\":\"" + TWO_DAYS + "\"}");
    List<EmulatedRecord> second = conversations(org(), "{\"interval\":\"" + TWO_DAYS + "\"}");
    assertThat(first).hasSizeGreaterThan(700);
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).json()).isEqualTo(first.get(i).json());
    }
  }

  @Test
  void aDifferentSeedGivesDifferentConversations() {
    String query = "{\"interval\":\"" + TWO_DAYS + "\"}";
    List<String> a = EmulatorData.ids(conversations(org(1, NOW), query));
    List<String> b = EmulatorData.ids(conversations(org(2, NOW), query));
    assertThat(a).doesNotContainAnyElementsOf(b);
  }

  @Test
  void aDayIsTheSameWhetherGeneratedAloneOrWithOthers() {
    String oneDay = "{\"interval\":\"2024-03-14T00:00:00Z/2024-03-14T01:00:00Z\"}";
    List<EmulatedRecord> alone = conversations(org(), oneDay);
    SyntheticAnalyticsData warmed = org();
    conversations(warmed, "{\"interval\":\"2024-03-01T00:00:00Z/2024-03-15T00:00:00Z\"}");
    List<EmulatedRecord> afterOthers = conversations(warmed, oneDay);
    assertThat(EmulatorData.ids(afterOthers)).isEqualTo(EmulatorData.ids(alone));
    assertThat(afterOthers.get(0).json()).isEqualTo(alone.get(0).json());
  }

  @Test
  void everyEnumValueIsOneTheOfficialSdkKnows() {
    Set<String> media = values(AnalyticsSession.MediaTypeEnum.values());
    Set<String> directions = values(AnalyticsSession.DirectionEnum.values());
    Set<String> segmentTypes = values(AnalyticsConversationSegment.SegmentTypeEnum.values());
    Set<String> disconnects = values(AnalyticsConversationSegment.DisconnectTypeEnum.values());
    Set<String> purposes = values(AnalyticsParticipant.PurposeEnum.values());
    Set<String> origins = values(AnalyticsConversation.OriginatingDirectionEnum.values());
    Set<String> routings = values(AnalyticsSession.UsedRoutingEnum.values());
    Set<String> seenMedia = new HashSet<>();
    Set<String> seenSegmentTypes = new HashSet<>();
    Set<String> seenPurposes = new HashSet<>();
    for (EmulatedRecord r : conversations(TWO_DAYS)) {
      JsonNode c = parse(r);
      assertThat(origins).contains(c.get("originatingDirection").asText());
      for (JsonNode p : c.get("participants")) {
        assertThat(purposes).contains(p.get("purpose").asText());
        seenPurposes.add(p.get("purpose").asText());
        for (JsonNode s : p.get("sessions")) {
          assertThat(media).contains(s.get("mediaType").asText());
          seenMedia.add(s.get("mediaType").asText());
          assertThat(directions).contains(s.get("direction").asText());
          if (s.has("usedRouting")) {
            assertThat(routings).contains(s.get("usedRouting").asText());
          }
          for (JsonNode g : s.get("segments")) {
            assertThat(segmentTypes).contains(g.get("segmentType").asText());
            seenSegmentTypes.add(g.get("segmentType").asText());
            if (g.has("disconnectType")) {
              assertThat(disconnects).contains(g.get("disconnectType").asText());
            }
          }
        }
      }
    }
    assertThat(seenMedia).contains("voice", "chat", "message", "email", "callback");
    assertThat(seenPurposes).contains("customer", "external", "ivr", "acd", "agent");
    assertThat(seenSegmentTypes)
        .contains("ivr", "interact", "alert", "hold", "wrapup", "dialing", "contacting");
  }

  @Test
  void theOfficialSdkReadsEveryRecordWithItsValues() throws Exception {
    ApiClient client = ApiClient.Builder.standard().build();
    for (EmulatedRecord r : conversations(TWO_DAYS)) {
      AnalyticsConversation c =
          client.getObjectMapper().readValue(r.json(), AnalyticsConversation.class);
      assertThat(c.getConversationId()).isEqualTo(r.id());
      assertThat(c.getConversationStart().toInstant()).isEqualTo(r.start());
      assertThat(c.getConversationEnd() == null ? null : c.getConversationEnd().toInstant())
          .isEqualTo(r.end());
      assertThat(c.getOriginatingDirection()).isNotNull();
      assertThat(c.getDivisionIds()).isNotEmpty();
      for (AnalyticsParticipant p : c.getParticipants()) {
        assertThat(p.getPurpose())
            .isNotIn(null, AnalyticsParticipant.PurposeEnum.OUTDATEDSDKVERSION);
        for (AnalyticsSession s : p.getSessions()) {
          assertThat(s.getMediaType())
              .isNotIn(null, AnalyticsSession.MediaTypeEnum.OUTDATEDSDKVERSION);
          for (AnalyticsConversationSegment g : s.getSegments()) {
            assertThat(g.getSegmentType())
                .isNotIn(null, AnalyticsConversationSegment.SegmentTypeEnum.OUTDATEDSDKVERSION);
            assertThat(g.getSegmentStart()).isNotNull();
            assertThat(g.getDisconnectType())
                .isNotEqualTo(AnalyticsConversationSegment.DisconnectTypeEnum.OUTDATEDSDKVERSION);
          }
        }
      }
    }
  }

  @Test
  void someCallsAreAbandonedInQueueAndSomeAreTransferredToASecondAgent() {
    long abandoned = 0;
    long transferred = 0;
    for (EmulatedRecord r : conversations(TWO_DAYS)) {
      JsonNode c = parse(r);
      List<String> purposes = c.findValuesAsText("purpose");
      long agents = purposes.stream().filter("agent"::equals).count();
      if (purposes.contains("acd") && agents == 0 && r.end() != null) {
        abandoned++;
      }
      if (agents == 2) {
        transferred++;
        assertThat(c.toString()).contains("\"disconnectType\":\"transfer\"");
        assertThat(purposes.stream().filter("acd"::equals)).hasSize(2);
      }
    }
    assertThat(abandoned).isGreaterThan(10);
    assertThat(transferred).isGreaterThan(5);
  }

  @Test
  void idsAreUuidsAndDatesCarryMillisecondsInUtc() {
    for (EmulatedRecord r : conversations("2024-03-14T09:00:00Z/2024-03-14T09:30:00Z")) {
      JsonNode c = parse(r);
      assertThat(r.id())
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(c.get("conversationStart").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(Instant.parse(c.get("conversationStart").asText())).isEqualTo(r.start());
    }
  }

  @Test
  void conversationsRunningAtNowAreInProgressWithAnOpenLastSegment() {
    List<EmulatedRecord> lastHour = conversations("2024-03-15T11:00:00Z/2024-03-15T12:00:00Z");
    List<EmulatedRecord> running = lastHour.stream().filter(r -> r.end() == null).toList();
    assertThat(running).isNotEmpty();
    for (EmulatedRecord r : running) {
      JsonNode c = parse(r);
      assertThat(c.has("conversationEnd")).isFalse();
      List<JsonNode> openSegments = segments(c).stream().filter(g -> !g.has("segmentEnd")).toList();
      assertThat(openSegments).isNotEmpty();
      openSegments.forEach(g -> assertThat(g.has("wrapUpCode")).isFalse());
    }
    forEachSegment(
        lastHour, g -> assertThat(Instant.parse(g.get("segmentStart").asText())).isBefore(NOW));
  }

  @Test
  void someConversationsCrossMidnightAndSomeLastSeveralDaysButNoneMoreThanThree() {
    List<EmulatedRecord> week = conversations("2024-03-01T00:00:00Z/2024-03-08T00:00:00Z");
    long crossMidnight =
        week.stream()
            .filter(r -> r.end() != null)
            .filter(
                r ->
                    !r.start()
                        .truncatedTo(ChronoUnit.DAYS)
                        .equals(r.end().truncatedTo(ChronoUnit.DAYS)))
            .count();
    long multiDay =
        week.stream()
            .filter(r -> r.end() != null)
            .filter(r -> Duration.between(r.start(), r.end()).compareTo(Duration.ofDays(1)) > 0)
            .count();
    assertThat(crossMidnight).isGreaterThan(20);
    assertThat(multiDay).isGreaterThan(5);
    assertThat(week)
        .allSatisfy(
            r ->
                assertThat(Duration.between(r.start(), r.end()))
                    .isLessThanOrEqualTo(Duration.ofDays(3)));
  }

  @Test
  void eachUtcDayHoldsTheConfiguredNumberOfConversationStarts() {
    List<EmulatedRecord> day =
        conversations(
            org(),
            "{\"interval\":\"2024-03-14T00:00:00Z/2024-03-15T00:00:00Z\","
                + "\"startOfDayIntervalMatching\":true}");
    assertThat(day.stream().filter(r -> r.start().isBefore(Instant.parse("2024-03-15T00:00:00Z"))))
        .hasSize(EmulatorData.PER_DAY);
  }

  private static List<JsonNode> segments(JsonNode conversation) {
    return conversation.findValues("segments").stream()
        .flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
        .toList();
  }

  private static void forEachSegment(List<EmulatedRecord> records, Consumer<JsonNode> check) {
    records.forEach(r -> segments(parse(r)).forEach(check));
  }

  private static Set<String> values(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(Object::toString)
        .filter(v -> !v.equals("OutdatedSdkVersion"))
        .collect(Collectors.toSet());
  }
}
