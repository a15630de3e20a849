package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorData.conversations;
import static dev.gcjobs.emulator.EmulatorData.ids;
import static dev.gcjobs.emulator.EmulatorData.org;
import static dev.gcjobs.emulator.EmulatorData.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DetailFilterMatchingTest {
  private static final String DAY = "2024-03-14T00:00:00Z/2024-03-15T00:00:00Z";
  private static final List<EmulatedRecord> ALL = conversations(DAY);

  /** One segment with its session and participant, read back from the JSON. */
  private record Seg(JsonNode participant, JsonNode session, JsonNode segment) {
    String purpose() {
      return participant.get("purpose").asText();
    }

    String media() {
      return session.get("mediaType").asText();
    }

    String queueId() {
      return segment.path("queueId").asText(null);
    }
  }

  private static List<Seg> segments(EmulatedRecord r) {
    List<Seg> out = new ArrayList<>();
    for (JsonNode p : parse(r).get("participants")) {
      for (JsonNode s : p.get("sessions")) {
        for (JsonNode g : s.get("segments")) {
          out.add(new Seg(p, s, g));
        }
      }
    }
    return out;
  }

  private static List<String> expected(Predicate<EmulatedRecord> which) {
    return ALL.stream().filter(which).map(EmulatedRecord::id).toList();
  }

  private static List<String> query(String filters) {
    return ids(conversations(org(), "{\"interval\":\"" + DAY + "\"," + filters + "}"));
  }

  private static String aQueueId() {
    return ALL.stream()
        .flatMap(r -> segments(r).stream())
        .map(Seg::queueId)
        .filter(q -> q != null)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aConversationFilterOnDivisionIdMatchesAnyOfTheConversationsDivisions() {
    String division = parse(ALL.get(0)).get("divisionIds").get(0).asText();
    List<String> matched =
        query(
            "\"conversationFilters\":[{\"type\":\"and\",\"predicates\":"
                + "[{\"type\":\"dimension\",\"dimension\":\"divisionId\",\"operator\":\"matches\","
                + "\"value\":\""
                + division
                + "\"}]}]");
    List<String> expected =
        expected(r -> parse(r).get("divisionIds").toString().contains(division));
    assertThat(matched).isEqualTo(expected).isNotEmpty().hasSizeLessThan(ALL.size());
  }

  @Test
  void anOrFilterMatchesEitherPredicate() {
    List<String> matched =
        query(
            "\"conversationFilters\":[{\"type\":\"or\",\"predicates\":["
                + "{\"dimension\":\"originatingDirection\",\"value\":\"outbound\"},"
                + "{\"dimension\":\"conversationId\",\"value\":\""
                + ALL.get(0).id()
                + "\"}]}]");
    List<String> expected =
        expected(
            r ->
                parse(r).get("originatingDirection").asText().equals("outbound")
                    || r.id().equals(ALL.get(0).id()));
    assertThat(matched).isEqualTo(expected).contains(ALL.get(0).id());
  }

  @Test
  void clausesCombineWithThePredicatesOfTheirFilter() {
    List<String> matched =
        query(
            "\"segmentFilters\":[{\"type\":\"and\","
                + "\"predicates\":[{\"dimension\":\"purpose\",\"value\":\"agent\"}],"
                + "\"clauses\":[{\"type\":\"or\",\"predicates\":["
                + "{\"dimension\":\"mediaType\",\"value\":\"email\"},"
                + "{\"dimension\":\"mediaType\",\"value\":\"chat\"}]}]}]");
    List<String> expected =
        expected(
            r ->
                segments(r).stream()
                    .anyMatch(
                        s ->
                            s.purpose().equals("agent")
                                && (s.media().equals("email") || s.media().equals("chat"))));
    assertThat(matched).isEqualTo(expected).isNotEmpty();
  }

  @Test
  void aSegmentFilterNeedsOneSegmentThatSatisfiesAllOfIt() {
    String queue = aQueueId();
    String customerInQueue =
        "{\"type\":\"and\",\"predicates\":[{\"dimension\":\"purpose\",\"value\":\"customer\"},"
            + "{\"dimension\":\"queueId\",\"value\":\""
            + queue
            + "\"}]}";
    assertThat(query("\"segmentFilters\":[" + customerInQueue + "]")).isEmpty();

    String twoFilters =
        "\"segmentFilters\":[{\"type\":\"and\",\"predicates\":"
            + "[{\"dimension\":\"purpose\",\"value\":\"customer\"}]},"
            + "{\"type\":\"and\",\"predicates\":"
            + "[{\"dimension\":\"queueId\",\"value\":\""
            + queue
            + "\"}]}]";
    List<String> expected =
        expected(
            r ->
                segments(r).stream().anyMatch(s -> s.purpose().equals("customer"))
                    && segments(r).stream().anyMatch(s -> queue.equals(s.queueId())));
    assertThat(query(twoFilters)).isEqualTo(expected).isNotEmpty();
  }

  @Test
  void existsAndNotExistsTestWhetherAValueIsThere() {
    List<EmulatedRecord> recent = conversations("2024-03-15T11:00:00Z/2024-03-15T12:00:00Z");
    String filter =
        "{\"interval\":\"2024-03-15T11:00:00Z/2024-03-15T12:00:00Z\","
            + "\"conversationFilters\":[{\"type\":\"and\",\"predicates\":"
            + "[{\"dimension\":\"conversationEnd\",\"operator\":\"%s\"}]}]}";
    List<String> running = ids(conversations(org(), filter.formatted("notExists")));
    List<String> ended = ids(conversations(org(), filter.formatted("exists")));
    assertThat(running)
        .isNotEmpty()
        .isEqualTo(recent.stream().filter(r -> r.end() == null).map(EmulatedRecord::id).toList());
    assertThat(ended).doesNotContainAnyElementsOf(running).hasSize(recent.size() - running.size());
  }

  @Test
  void metricPredicatesTestTheMetricsEmittedAndTheirRange() {
    List<String> held =
        query(
            "\"conversationFilters\":[{\"type\":\"and\",\"predicates\":"
                + "[{\"type\":\"metric\",\"metric\":\"tHeld\",\"operator\":\"exists\"}]}]");
    assertThat(held)
        .isNotEmpty()
        .isEqualTo(
            expected(
                r ->
                    segments(r).stream()
                        .anyMatch(s -> s.segment().get("segmentType").asText().equals("hold"))));
    List<String> longInteractions =
        query(
            "\"segmentFilters\":[{\"type\":\"and\",\"predicates\":["
                + "{\"dimension\":\"segmentType\",\"value\":\"interact\"},"
                + "{\"metric\":\"tSegmentDuration\",\"range\":{\"gt\":3600000}}]}]");
    assertThat(longInteractions)
        .isNotEmpty()
        .isEqualTo(
            expected(
                r ->
                    segments(r).stream()
                        .anyMatch(
                            s ->
                                s.segment().get("segmentType").asText().equals("interact")
                                    && s.segment().has("segmentEnd")
                                    && Instant.parse(s.segment().get("segmentEnd").asText())
                                                .toEpochMilli()
                                            - Instant.parse(
                                                    s.segment().get("segmentStart").asText())
                                                .toEpochMilli()
                                        > 3_600_000)));
  }

  @Test
  void aDateDimensionMatchesAnIntervalValue() {
    List<String> matched =
        query(
            "\"conversationFilters\":[{\"type\":\"and\",\"predicates\":"
                + "[{\"dimension\":\"conversationStart\","
                + "\"value\":\"2024-03-14T10:00:00Z/2024-03-14T10:30:00Z\"}]}]");
    Instant from = Instant.parse("2024-03-14T10:00:00Z");
    Instant to = Instant.parse("2024-03-14T10:30:00Z");
    assertThat(matched)
        .isNotEmpty()
        .isEqualTo(expected(r -> !r.start().isBefore(from) && r.start().isBefore(to)));
  }

  @Test
  void aSegmentDimensionInConversationFiltersIsRejectedSayingWhereItBelongs() {
    assertThatThrownBy(
            () ->
                query(
                    "\"conversationFilters\":[{\"type\":\"and\",\"predicates\":"
                        + "[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]}]"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage())
                  .contains(
                      "conversationFilters[0].predicates[0].dimension",
                      "'mediaType'",
                      "segment-level",
                      "segmentFilters");
            });
  }

  @Test
  void aConversationDimensionInSegmentFiltersIsRejectedSayingWhereItBelongs() {
    assertThatThrownBy(
            () ->
                query(
                    "\"segmentFilters\":[{\"type\":\"or\",\"predicates\":"
                        + "[{\"dimension\":\"divisionId\",\"value\":\"x\"}]}]"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("'divisionId' is a conversation-level dimension")
        .hasMessageContaining("not valid in segmentFilters")
        .hasMessageContaining("move the predicate to conversationFilters");
  }

  @Test
  void anUnknownDimensionIsRejectedListingTheValidOnes() {
    assertThatThrownBy(
            () ->
                query(
                    "\"conversationFilters\":[{\"type\":\"and\",\"predicates\":"
                        + "[{\"dimension\":\"colour\",\"value\":\"red\"}]}]"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("'colour' is not a conversation-level dimension")
        .hasMessageContaining("divisionId");
  }

  @Test
  void malformedFiltersAreRejectedNamingTheField() {
    assertThatThrownBy(() -> query("\"conversationFilters\":{\"type\":\"and\"}"))
        .hasMessageContaining("conversationFilters must be an array");
    assertThatThrownBy(() -> query("\"segmentFilters\":[{\"type\":\"and\",\"predicates\":\"x\"}]"))
        .hasMessageContaining("segmentFilters[0].predicates must be an array");
    assertThatThrownBy(
            () ->
                query(
                    "\"segmentFilters\":[{\"predicates\":"
                        + "[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]}]"))
        .hasMessageContaining("segmentFilters[0].type is required");
    assertThatThrownBy(
            () ->
                query(
                    "\"segmentFilters\":[{\"type\":\"xor\",\"predicates\":"
                        + "[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]}]"))
        .hasMessageContaining("segmentFilters[0].type 'xor'");
    assertThatThrownBy(
            () ->
                query(
                    "\"segmentFilters\":[{\"type\":\"and\",\"predicates\":"
                        + "[{\"dimension\":\"mediaType\",\"operator\":\"like\",\"value\":\"v\"}]}]"))
        .hasMessageContaining("segmentFilters[0].predicates[0].operator 'like'");
    assertThatThrownBy(
            () ->
                query(
                    "\"segmentFilters\":[{\"type\":\"and\",\"predicates\":"
                        + "[{\"dimension\":\"mediaType\",\"value\":{\"a\":1}}]}]"))
        .hasMessageContaining("segmentFilters[0].predicates[0].value must be a string");
    assertThatThrownBy(
            () ->
                query(
                    "\"segmentFilters\":[{\"type\":\"and\",\"predicates\":"
                        + "[{\"dimension\":\"mediaType\"}]}]"))
        .hasMessageContaining("segmentFilters[0].predicates[0] needs a value");
    assertThatThrownBy(() -> query("\"segmentFilters\":[{\"type\":\"and\"}]"))
        .hasMessageContaining("segmentFilters[0] has no predicates");
    assertThatThrownBy(
            () ->
                query(
                    "\"evaluationFilters\":[{\"type\":\"and\",\"predicates\":"
                        + "[{\"dimension\":\"evaluationId\",\"value\":\"x\"}]}]"))
        .hasMessageContaining("evaluationFilters are not supported by the emulator");
  }
}
