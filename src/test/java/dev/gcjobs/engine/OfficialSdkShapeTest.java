package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.model.AsyncConversationQuery;
import com.mypurecloud.sdk.v2.model.AsyncUserDetailsQuery;
import com.mypurecloud.sdk.v2.model.ConversationDetailQueryPredicate;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryPredicate;
import com.mypurecloud.sdk.v2.model.UserDetailQueryPredicate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Checks what gcjobs sends against the official SDK's models (its enums are the API's values). */
@Tag("unit")
class OfficialSdkShapeTest {
  // Failing on unknown properties: every field gcjobs writes must exist in the SDK model.
  private static final ObjectMapper SDK_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static ExportRequest request(String kind, String... filters) {
    return ExportRequest.builder()
        .kind(kind)
        .interval("2024-01-01/2024-01-02")
        .filters(List.of(filters))
        .output("out.ndjson")
        .build();
  }

  @Test
  void aConversationJobBodyReadsAsTheSdksAsyncConversationQuery() throws Exception {
    ExportRequest request =
        request(
            "conversations", "mediaType=voice", "mediaType=chat", "!wrapUpCode", "divisionId=d");
    String body = request.jobBody(request.interval()).toString();

    AsyncConversationQuery query = SDK_JSON.readValue(body, AsyncConversationQuery.class);

    assertThat(query.getInterval()).isEqualTo("2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z");
    assertThat(query.getSegmentFilters()).hasSize(2);
    SegmentDetailQueryFilter media = query.getSegmentFilters().get(0);
    assertThat(media.getType()).isEqualTo(SegmentDetailQueryFilter.TypeEnum.OR);
    assertThat(media.getPredicates())
        .extracting(SegmentDetailQueryPredicate::getDimension)
        .containsOnly(SegmentDetailQueryPredicate.DimensionEnum.MEDIATYPE);
    assertThat(query.getSegmentFilters().get(1).getPredicates().get(0).getOperator())
        .isEqualTo(SegmentDetailQueryPredicate.OperatorEnum.NOTEXISTS);
    assertThat(query.getConversationFilters().get(0).getPredicates().get(0).getDimension())
        .isEqualTo(ConversationDetailQueryPredicate.DimensionEnum.DIVISIONID);
  }

  @Test
  void aUsersJobBodyReadsAsTheSdksAsyncUserDetailsQuery() throws Exception {
    ExportRequest request = request("users", "userId=u1", "systemPresence=AVAILABLE");
    String body = request.jobBody(request.interval()).toString();

    AsyncUserDetailsQuery query = SDK_JSON.readValue(body, AsyncUserDetailsQuery.class);

    assertThat(query.getUserFilters().get(0).getPredicates().get(0).getDimension())
        .isEqualTo(UserDetailQueryPredicate.DimensionEnum.USERID);
    assertThat(query.getPresenceFilters()).hasSize(1);
  }

  @Test
  void everySegmentDimensionButTheNewestIsKnownToTheOfficialSdk() {
    assertThat(sdkValues(SegmentDetailQueryPredicate.DimensionEnum.values()))
        .containsAll(withoutNewest(Dimensions.SEGMENT));
  }

  @Test
  void everyConversationDimensionButTheNewestIsKnownToTheOfficialSdk() {
    assertThat(sdkValues(ConversationDetailQueryPredicate.DimensionEnum.values()))
        .containsAll(withoutNewest(Dimensions.CONVERSATION));
  }

  // Documented by the SDK 212 docs that Dimensions copies, but not yet in the test SDK (198).
  private static final List<String> NEWER_THAN_SDK_198 =
      List.of(
          "originatingSocialMediaPublic",
          "detectedSpeechEnd",
          "detectedSpeechStart",
          "screenRecording");

  private static List<String> withoutNewest(List<String> dimensions) {
    return dimensions.stream().filter(d -> !NEWER_THAN_SDK_198.contains(d)).toList();
  }

  @Test
  void theUserDimensionsAreTheOfficialSdks() {
    assertThat(sdkValues(UserDetailQueryPredicate.DimensionEnum.values()))
        .containsExactlyInAnyOrderElementsOf(Dimensions.USER);
  }

  @Test
  void theWireIntervalIsWhatTheSdkDocumentsAndParsesBack() {
    ExportInterval interval =
        new ExportInterval(
            Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(interval.toWireString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z/\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  private static List<String> sdkValues(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(Object::toString)
        .filter(v -> !v.equals("OutdatedSdkVersion"))
        .toList();
  }
}
