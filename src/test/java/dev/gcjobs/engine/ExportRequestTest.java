package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ExportRequestTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ExportRequest.Builder base() {
    return ExportRequest.builder().interval("2024-01-01/2024-01-08").output("/data/voice.ndjson");
  }

  @Test
  void defaultsAreConversationsTwoDayChunksAndADayToFinish() {
    ExportRequest request = base().build();
    assertThat(request.kind()).isEqualTo(ExportKind.CONVERSATIONS);
    assertThat(request.chunkSize()).isEqualTo(Duration.ofDays(2));
    assertThat(request.concurrency()).isEqualTo(ExportRequest.DEFAULT_CONCURRENCY);
    assertThat(request.pageSize()).isEqualTo(ExportRequest.DEFAULT_PAGE_SIZE);
    assertThat(request.timeout()).isEqualTo(Duration.ofHours(24));
    assertThat(request.query()).isEmpty();
  }

  @Test
  void filtersBecomeTheQuerysFilterLists() {
    ExportRequest request = base().filters(List.of("mediaType=voice", "divisionId=d1")).build();
    assertThat(request.query().fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("segmentFilters", "conversationFilters");
  }

  @Test
  void theJobBodyIsTheQueryWithTheChunksIntervalInWireForm() {
    ExportRequest request =
        base().filters(List.of("mediaType=voice")).chunkSize(Duration.ofDays(1)).build();
    ChunkSpec second = ExportPlan.of(request).chunks().get(1);
    ObjectNode body = request.jobBody(second.interval());
    assertThat(body.get("interval").asText())
        .isEqualTo("2024-01-02T00:00:00.000Z/2024-01-03T00:00:00.000Z");
    assertThat(body.get("segmentFilters")).isEqualTo(request.query().get("segmentFilters"));
  }

  @Test
  void aRawQueryIsKeptAndMergedWithFiltersOnOtherLists() {
    JsonNode raw =
        json(
            "{'conversationFilters': [{'type': 'or', 'predicates': [{'dimension': 'divisionId',"
                + " 'value': 'd1'}]}], 'order': 'asc', 'orderBy': 'conversationStart'}");
    ExportRequest request = base().query(raw).filters(List.of("mediaType=voice")).build();
    ObjectNode query = request.query();
    assertThat(query.get("conversationFilters")).isEqualTo(raw.get("conversationFilters"));
    assertThat(query.get("order").asText()).isEqualTo("asc");
    assertThat(query.has("segmentFilters")).isTrue();
  }

  @Test
  void aRawQuerysIntervalIsUsedWhenNoneIsGiven() {
    ExportRequest request =
        ExportRequest.builder()
            .query(json("{'interval': '2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z'}"))
            .output("-")
            .build();
    assertThat(request.interval().start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(request.query().has("interval")).isFalse();
  }

  @Test
  void theSameIntervalInBothPlacesIsAccepted() {
    ExportRequest request =
        base()
            .query(json("{'interval': '2024-01-01T00:00:00.000Z/2024-01-08T00:00:00.000Z'}"))
            .build();
    assertThat(request.interval().toWireString()).startsWith("2024-01-01T00:00:00.000Z/");
  }

  @Test
  void differentIntervalsInTheFlagAndTheRawQueryAreAConflictNamingBoth() {
    assertInvalid(
            "interval",
            base().query(json("{'interval': '2024-02-01T00:00:00Z/2024-02-02T00:00:00Z'}")))
        .hasMessageContaining("2024-01-01/2024-01-08")
        .hasMessageContaining("2024-02-01T00:00:00Z/2024-02-02T00:00:00Z")
        .hasMessageContaining("differ");
  }

  @Test
  void filtersAndARawQuerySettingTheSameListAreAConflict() {
    JsonNode raw =
        json(
            "{'segmentFilters': [{'type': 'or', 'predicates': [{'dimension': 'queueId',"
                + " 'value': 'q'}]}]}");
    assertInvalid("filters", base().query(raw).filters(List.of("mediaType=voice")))
        .hasMessageContaining("segmentFilters")
        .hasMessageContaining("mediaType")
        .hasMessageContaining("does not guess");
  }

  @Test
  void emptyListsAndNullsInARawQueryCountAsUnset() {
    JsonNode raw = json("{'segmentFilters': [], 'conversationFilters': null, 'order': 'desc'}");
    ExportRequest request = base().query(raw).filters(List.of("mediaType=voice")).build();
    assertThat(request.query().fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("order", "segmentFilters");
  }

  @Test
  void aRawQueryFieldOfTheOtherKindNamesTheKind() {
    assertInvalid("query.userFilters", base().query(json("{'userFilters': [{}]}")))
        .hasMessageContaining("users query")
        .hasMessageContaining("use kind users");
  }

  @Test
  void aMisspeltRawQueryFieldSuggestsTheRightOne() {
    assertInvalid("query.segmentFilter", base().query(json("{'segmentFilter': []}")))
        .hasMessageContaining("did you mean segmentFilters");
  }

  @Test
  void aLimitInTheRawQueryIsRejectedBecauseItWouldApplyPerChunk() {
    assertInvalid("query.limit", base().query(json("{'limit': 100}")))
        .hasMessageContaining("each Genesys job");
  }

  @Test
  void wrongTypesInTheRawQueryNameTheField() {
    assertInvalid("query.segmentFilters", base().query(json("{'segmentFilters': 'voice'}")))
        .hasMessageContaining("array");
    assertInvalid("query.segmentFilters[0]", base().query(json("{'segmentFilters': [1]}")));
    assertInvalid(
        "query.interval", ExportRequest.builder().output("-").query(json("{'interval': 5}")));
    assertInvalid("query", base().query(json("[1, 2]"))).hasMessageContaining("JSON object");
  }

  @Test
  void anUnreadableIntervalInTheRawQueryIsReportedAsTheQuerys() {
    assertInvalid(
            "query.interval",
            ExportRequest.builder().output("-").query(json("{'interval': 'last week'}")))
        .hasMessageStartingWith("in the raw query:");
  }

  @Test
  void aMissingIntervalIsReported() {
    assertInvalid("interval", ExportRequest.builder().output("-"))
        .hasMessageContaining("Accepted forms");
  }

  @Test
  void theZoneAppliesToTheInterval() {
    ExportRequest request = base().zone("Europe/Paris").build();
    assertThat(request.interval().start()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
  }

  @Test
  void optionsOutOfRangeNameTheirField() {
    assertInvalid("options.concurrency", base().concurrency(0));
    assertInvalid("options.concurrency", base().concurrency(ExportRequest.MAX_CONCURRENCY + 1));
    assertInvalid("options.pageSize", base().pageSize(0));
    assertInvalid("options.pageSize", base().pageSize(ExportRequest.MAX_PAGE_SIZE + 1));
    assertInvalid("options.timeout", base().timeout(Duration.ZERO));
    assertInvalid("options.chunk", base().chunkSize(Duration.ofSeconds(10)))
        .hasMessageContaining("too small");
    assertInvalid(
            "options.chunk",
            base().interval("2000-01-01/2024-01-01").chunkSize(Duration.ofHours(1)))
        .hasMessageContaining("more than " + ExportPlan.MAX_CHUNKS);
    assertInvalid("output", base().output(" "));
    assertInvalid("kind", base().kind("calls"));
  }

  @Test
  void theQueryCannotBeChangedFromOutside() {
    ExportRequest request = base().filters(List.of("mediaType=voice")).build();
    request.query().removeAll();
    assertThat(request.query()).isNotEmpty();
  }

  @Test
  void theNormalizedJsonIsCanonicalAndHoldsOnlyWhatShapesTheResult() {
    ExportRequest request =
        base()
            .query(json("{'orderBy': 'conversationStart', 'order': 'asc'}"))
            .chunkSize(Duration.ofDays(1))
            .concurrency(7)
            .pageSize(50)
            .timeout(Duration.ofHours(2))
            .build();
    assertThat(request.normalizedJson())
        .isEqualTo(
            "{\"chunk\":\"PT24H\",\"interval\":\"2024-01-01T00:00:00.000Z/2024-01-08T00:00:00.000Z\","
                + "\"kind\":\"conversations\",\"output\":\"/data/voice.ndjson\","
                + "\"query\":{\"order\":\"asc\",\"orderBy\":\"conversationStart\"}}");
  }

  @Test
  void theSameExportAskedDifferentlyHasTheSameKey() {
    ExportRequest a =
        base().filters(List.of("mediaType=voice", "queueId=q1")).concurrency(2).build();
    ExportRequest b =
        ExportRequest.builder()
            .interval("2024-01-01T00:00:00Z/P7D")
            .filters(List.of("queueId=q1", "mediaType=voice"))
            .output("/data/voice.ndjson")
            .pageSize(10)
            .timeout(Duration.ofMinutes(5))
            .build();
    assertThat(a.requestKey()).isEqualTo(b.requestKey()).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void anythingThatChangesTheResultChangesTheKey() {
    String key = base().build().requestKey();
    assertThat(base().kind("users").build().requestKey()).isNotEqualTo(key);
    assertThat(base().interval("2024-01-01/2024-01-09").build().requestKey()).isNotEqualTo(key);
    assertThat(base().filters(List.of("mediaType=voice")).build().requestKey()).isNotEqualTo(key);
    assertThat(base().chunkSize(Duration.ofHours(6)).build().requestKey()).isNotEqualTo(key);
    assertThat(base().output("/data/other.ndjson").build().requestKey()).isNotEqualTo(key);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(
      String field, ExportRequest.Builder builder) {
    return assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void aRequestRebuiltFromItsStoredPartsIsTheSameRequest() {
    ExportRequest original =
        base()
            .zone("Europe/Paris")
            .filters(List.of("mediaType=voice", "!wrapUpCode"))
            .chunkSize(Duration.ofHours(6))
            .build();
    ExportRequest rebuilt =
        ExportRequest.builder()
            .kind(original.kind().cliName())
            .interval(original.interval().toWireString())
            .query(original.query())
            .chunkSize(original.chunkSize())
            .output(original.output())
            .build();
    assertThat(rebuilt).isEqualTo(original);
    assertThat(rebuilt.requestKey()).isEqualTo(original.requestKey());
  }

  @Test
  void anExportStoredWithALargerPageSizeReadsAtTheMaximumGenesysIsKnownToServe() {
    String stored = StoredRequest.write(base().pageSize(ExportRequest.MAX_PAGE_SIZE).build());

    ExportRequest read =
        StoredRequest.read(stored.replace("\"pageSize\":1000", "\"pageSize\":5000"));

    assertThat(ExportRequest.MAX_PAGE_SIZE).isEqualTo(1000);
    assertThat(read.pageSize()).isEqualTo(1000);
  }

  @Test
  void anIntervalEndingAtAvailableEndsAtGenesysDataAvailabilityOfItsKind() {
    Instant available = Instant.parse("2024-05-31T18:00:00Z");

    ExportRequest users =
        ExportRequest.builder()
            .kind("users")
            .interval("2024-05-30/available")
            .output("-")
            .availability(kind -> Optional.of(kind == ExportKind.USERS ? available : Instant.EPOCH))
            .build();

    assertThat(users.interval().start()).isEqualTo(Instant.parse("2024-05-30T00:00:00Z"));
    assertThat(users.interval().end()).isEqualTo(available);
    assertInvalid("interval", ExportRequest.builder().interval("2024-05-30/AVAILABLE").output("-"));
  }
}
