package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class FilterParserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode parse(String... filters) {
    return FilterParser.parse(ExportKind.CONVERSATIONS, List.of(filters));
  }

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void aValueFilterOnASegmentDimensionBecomesASegmentFilter() throws Exception {
    assertThat(parse("mediaType=voice"))
        .isEqualTo(
            json(
                "{'segmentFilters': [{'type': 'or', 'predicates': [{'type': 'dimension',"
                    + " 'dimension': 'mediaType', 'operator': 'matches', 'value': 'voice'}]}]}"));
  }

  @Test
  void divisionIdIsAConversationDimension() {
    ObjectNode filters = parse("divisionId=d1");
    assertThat(filters.fieldNames()).toIterable().containsExactly("conversationFilters");
    assertThat(filters.at("/conversationFilters/0/predicates/0/dimension").asText())
        .isEqualTo("divisionId");
  }

  @Test
  void theCommonDimensionsArePlacedAtSegmentLevel() {
    for (String dimension :
        List.of("mediaType", "queueId", "userId", "direction", "purpose", "wrapUpCode")) {
      assertThat(parse(dimension + "=x").fieldNames())
          .toIterable()
          .as(dimension)
          .containsExactly("segmentFilters");
    }
  }

  @Test
  void valuesOfOneDimensionAreOredInOneFilter() throws Exception {
    assertThat(parse("mediaType=voice", "mediaType=chat").get("segmentFilters"))
        .isEqualTo(
            json(
                "[{'type': 'or', 'predicates': ["
                    + "{'type': 'dimension', 'dimension': 'mediaType', 'operator': 'matches',"
                    + " 'value': 'chat'},"
                    + "{'type': 'dimension', 'dimension': 'mediaType', 'operator': 'matches',"
                    + " 'value': 'voice'}]}]"));
  }

  @Test
  void eachDimensionGetsItsOwnSegmentFilterSoTheyAreAndedAcrossSegments() {
    JsonNode segmentFilters = parse("mediaType=voice", "queueId=q1").get("segmentFilters");
    assertThat(segmentFilters).hasSize(2);
    assertThat(segmentFilters.findValuesAsText("dimension"))
        .containsExactly("mediaType", "queueId");
    for (JsonNode filter : segmentFilters) {
      assertThat(filter.get("predicates")).hasSize(1);
    }
  }

  @Test
  void conversationAndSegmentFiltersAreBuiltSideBySide() {
    ObjectNode filters = parse("divisionId=d1", "mediaType=voice");
    assertThat(filters.fieldNames())
        .toIterable()
        .containsExactly("conversationFilters", "segmentFilters");
  }

  @Test
  void theSameFiltersInAnyOrderGiveTheSameJson() {
    assertThat(parse("queueId=q1", "mediaType=voice", "mediaType=chat", "mediaType=voice"))
        .isEqualTo(parse("mediaType=chat", "mediaType=voice", "queueId=q1"));
  }

  @Test
  void existsAndNotExistsHaveTheirOwnSyntax() throws Exception {
    assertThat(parse("wrapUpCode?").at("/segmentFilters/0/predicates/0"))
        .isEqualTo(json("{'type': 'dimension', 'dimension': 'wrapUpCode', 'operator': 'exists'}"));
    assertThat(parse("!wrapUpCode").at("/segmentFilters/0/predicates/0"))
        .isEqualTo(
            json("{'type': 'dimension', 'dimension': 'wrapUpCode', 'operator': 'notExists'}"));
  }

  @Test
  void aValueKeepsEverythingAfterTheFirstEqualsSign() {
    assertThat(parse("wrapUpNote=a=b != c?").at("/segmentFilters/0/predicates/0/value").asText())
        .isEqualTo("a=b != c?");
  }

  @Test
  void noFiltersGiveNoFilterLists() {
    assertThat(parse()).isEmpty();
  }

  @Test
  void notEqualIsRejectedBecauseGenesysCannotExpressIt() {
    assertInvalid("filters[0]", "mediaType!=voice")
        .hasMessageContaining("not equal")
        .hasMessageContaining("mediaType=chat")
        .hasMessageNotContaining("mediaType=voice ")
        .hasMessageContaining("!mediaType");
    assertInvalid("filters[0]", "queueId!=q1").hasMessageContaining("queueId=OTHER_VALUE");
  }

  @Test
  void anUnknownDimensionSuggestsTheClosestNames() {
    assertInvalid("filters[1]", "mediaType=voice", "queueid=q1")
        .hasMessageContaining("unknown conversations dimension \"queueid\"")
        .hasMessageContaining("did you mean queueId");
    assertInvalid("filters[0]", "mediaTyp=voice").hasMessageContaining("mediaType");
  }

  @Test
  void anUnknownDimensionWithNothingCloseListsCommonOnes() {
    assertInvalid("filters[0]", "colour=blue")
        .hasMessageContaining("mediaType")
        .hasMessageContaining("divisionId");
  }

  @Test
  void aDimensionOfTheOtherKindSaysWhichKindItBelongsTo() {
    assertInvalid("filters[0]", "routingStatus=IDLE")
        .hasMessageContaining("routingStatus is a users dimension")
        .hasMessageContaining("use kind users");
    assertThatThrownBy(() -> FilterParser.parse(ExportKind.USERS, List.of("mediaType=voice")))
        .isInstanceOf(InvalidRequest.class)
        .hasMessageContaining("mediaType is a conversations dimension")
        .hasMessageContaining("userId");
  }

  @Test
  void userFiltersGoToTheirListsForTheUsersKind() {
    ObjectNode filters =
        FilterParser.parse(
            ExportKind.USERS,
            List.of("userId=u1", "systemPresence=AVAILABLE", "routingStatus=IDLE"));
    assertThat(filters.fieldNames())
        .toIterable()
        .containsExactly("presenceFilters", "routingStatusFilters", "userFilters");
    assertThat(filters.at("/userFilters/0/predicates/0/value").asText()).isEqualTo("u1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mediaType", "=voice", "media type=voice", "", "  ", "!", "?"})
  void malformedTermsExplainTheSyntax(String term) {
    assertInvalid("filters[0]", term).hasMessageContaining("DIM=VALUE");
  }

  @Test
  void anEmptyValueSuggestsTheExistsForm() {
    assertInvalid("filters[0]", "wrapUpCode=").hasMessageContaining("wrapUpCode?");
  }

  @Test
  void theOtherNotExistsSpellingPointsToTheChosenOne() {
    assertInvalid("filters[0]", "wrapUpCode!?").hasMessageContaining("!wrapUpCode");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(
      String field, String... filters) {
    return assertThatThrownBy(() -> parse(filters))
        .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
