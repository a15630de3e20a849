package dev.gcjobs.genesys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.genesys.StubGenesys.Answer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AnalyticsJobsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";
  private StubGenesys stub;
  private final FakeTime time = new FakeTime();
  private AnalyticsJobsApi api;

  @BeforeEach
  void start() throws Exception {
    stub = new StubGenesys();
    api =
        GenesysClient.builder()
            .domain(stub.baseUrl())
            .credentials(new Credentials("id", "secret"))
            .clock(time)
            .sleeper(time)
            .build()
            .analyticsJobs();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void submitPostsTheQueryAndReturnsTheJobId() throws Exception {
    JsonNode query = JSON.readTree("{\"interval\":\"2024-05-01T00:00:00Z/2024-05-02T00:00:00Z\"}");
    stub.thenApi(Answer.json(202, "{\"jobId\":\"job-1\"}"));

    assertThat(api.submit(JobKind.CONVERSATION_DETAILS, query)).isEqualTo("job-1");

    StubGenesys.Request sent = stub.apiRequests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.pathAndQuery()).isEqualTo(JOBS);
    assertThat(JSON.readTree(sent.body())).isEqualTo(query);
  }

  @Test
  void userDetailsJobsUseTheirOwnPaths() throws Exception {
    stub.thenApi(Answer.json(202, "{\"jobId\":\"u1\"}"));
    api.submit(JobKind.USER_DETAILS, JSON.readTree("{}"));
    assertThat(stub.apiRequests().get(0).pathAndQuery())
        .isEqualTo("/api/v2/analytics/users/details/jobs");
  }

  @Test
  void statusReadsStateDatesAndError() {
    stub.thenApi(
        Answer.json(
            200,
            "{\"state\":\"FAILED\",\"errorMessage\":\"too big\",\"submissionDate\":\"2024-05-01T00:00:00.000Z\","
                + "\"completionDate\":\"2024-05-01T00:01:00Z\",\"expirationDate\":\"2024-05-03T00:00:00.000Z\"}"));

    JobStatus s = api.status(JobKind.CONVERSATION_DETAILS, "job-1");

    assertThat(s.state()).isEqualTo(JobState.FAILED);
    assertThat(s.errorMessage()).isEqualTo("too big");
    assertThat(s.submissionDate()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(s.completionDate()).isEqualTo(Instant.parse("2024-05-01T00:01:00Z"));
    assertThat(s.expirationDate()).isEqualTo(Instant.parse("2024-05-03T00:00:00Z"));
    assertThat(stub.apiRequests().get(0).pathAndQuery()).isEqualTo(JOBS + "/job-1");
  }

  @Test
  void aStateThisVersionDoesNotKnowIsUnknownWithItsName() {
    stub.thenApi(Answer.json(200, "{\"state\":\"ARCHIVED\"}"));
    JobStatus s = api.status(JobKind.CONVERSATION_DETAILS, "job-1");
    assertThat(s.state()).isEqualTo(JobState.UNKNOWN);
    assertThat(s.rawState()).isEqualTo("ARCHIVED");
  }

  @Test
  void aVanishedJobIsReportedAsNotFoundOnStatusAndCancel() {
    stub.apiDefault(r -> Answer.error(404, "not.found", "no such job"));

    assertThatThrownBy(() -> api.status(JobKind.CONVERSATION_DETAILS, "gone"))
        .isInstanceOfSatisfying(
            JobNotFoundException.class,
            e -> {
              assertThat(e.jobId()).isEqualTo("gone");
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage()).contains("submit it again");
            });
    assertThatThrownBy(() -> api.cancel(JobKind.CONVERSATION_DETAILS, "gone"))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void resultsPageStreamsEachRecordsOriginalBytes() {
    SamplePages.Sample sample = SamplePages.conversations(25, "abc+/=", 5);
    stub.thenApi(Answer.json(200, new String(sample.page(), UTF_8)));
    List<byte[]> got = new ArrayList<>();

    PageInfo info =
        api.resultsPage(JobKind.CONVERSATION_DETAILS, "job-1", "prev cursor", 1000, got::add);

    assertThat(info.cursor()).isEqualTo("abc+/=");
    assertThat(info.isLast()).isFalse();
    assertThat(info.recordCount()).isEqualTo(25);
    assertThat(info.dataAvailabilityDate()).isEqualTo(Instant.parse("2024-05-02T06:00:00Z"));
    assertThat(got).containsExactlyElementsOf(sample.records());
    assertThat(stub.apiRequests().get(0).pathAndQuery())
        .isEqualTo(JOBS + "/job-1/results?pageSize=1000&cursor=prev%20cursor");
  }

  @Test
  void aTruncatedPageIsFetchedAgainAndNeverHalfDelivered() {
    SamplePages.Sample sample = SamplePages.conversations(10, null, 9);
    String page = new String(sample.page(), UTF_8);
    stub.thenApi(Answer.json(200, page.substring(0, page.length() - 40)), Answer.cutOff(page, 100));
    stub.apiDefault(r -> Answer.json(200, page));
    List<byte[]> got = new ArrayList<>();

    PageInfo info = api.resultsPage(JobKind.CONVERSATION_DETAILS, "job-1", null, 10, got::add);

    assertThat(got).containsExactlyElementsOf(sample.records());
    assertThat(info.isLast()).isTrue();
    assertThat(stub.apiRequests().get(0).pathAndQuery())
        .isEqualTo(JOBS + "/job-1/results?pageSize=10");
  }

  @Test
  void aClientErrorOnResultsMeansNotReadyNeverNoData() {
    for (int status : new int[] {404, 409}) {
      stub.thenApi(Answer.error(status, "x", "not done"));
      List<byte[]> got = new ArrayList<>();
      assertThatThrownBy(
              () -> api.resultsPage(JobKind.CONVERSATION_DETAILS, "job-1", null, 100, got::add))
          .isInstanceOfSatisfying(
              ResultsNotReadyException.class,
              e -> {
                assertThat(e.status()).isEqualTo(status);
                assertThat(e.isTransient()).isTrue();
              });
      assertThat(got).isEmpty();
    }
  }

  @Test
  void aBadRequestOnResultsIsFinalWithGenesysMessage() {
    stub.thenApi(Answer.error(400, "bad.request", "the cursor is invalid"));
    List<byte[]> got = new ArrayList<>();

    assertThatThrownBy(
            () -> api.resultsPage(JobKind.CONVERSATION_DETAILS, "job-1", "c1", 100, got::add))
        .isInstanceOfSatisfying(
            GenesysException.class,
            e -> {
              assertThat(e).isNotInstanceOf(ResultsNotReadyException.class);
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.isTransient()).isFalse();
              assertThat(e.genesysMessage()).isEqualTo("the cursor is invalid");
            });
    assertThat(got).isEmpty();
  }

  @Test
  void cancelDeletesTheJob() {
    stub.thenApi(Answer.json(204, ""));
    api.cancel(JobKind.USER_DETAILS, "u1");
    assertThat(stub.apiRequests().get(0).method()).isEqualTo("DELETE");
    assertThat(stub.apiRequests().get(0).pathAndQuery())
        .isEqualTo("/api/v2/analytics/users/details/jobs/u1");
  }

  @Test
  void availabilityReadsTheDataLakeDate() {
    stub.thenApi(Answer.json(200, "{\"dataAvailabilityDate\":\"2024-05-02T06:00:00.000Z\"}"));
    assertThat(api.availability()).isEqualTo(Instant.parse("2024-05-02T06:00:00Z"));
    assertThat(stub.apiRequests().get(0).pathAndQuery()).isEqualTo(JOBS + "/availability");

    stub.thenApi(Answer.json(200, "{\"dataAvailabilityDate\":\"2024-05-02T07:00:00Z\"}"));
    assertThat(api.availability(JobKind.USER_DETAILS))
        .isEqualTo(Instant.parse("2024-05-02T07:00:00Z"));
    assertThat(stub.apiRequests().get(1).pathAndQuery())
        .isEqualTo("/api/v2/analytics/users/details/jobs/availability");
  }

  @Test
  void theSynchronousQueryReturnsGenesysAnswer() throws Exception {
    stub.thenApi(
        Answer.json(200, "{\"totalHits\":1,\"conversations\":[{\"conversationId\":\"c\"}]}"));
    JsonNode answer = api.query(JSON.readTree("{\"interval\":\"a/b\"}"));
    assertThat(answer.path("totalHits").asInt()).isEqualTo(1);
    assertThat(stub.apiRequests().get(0).pathAndQuery())
        .isEqualTo("/api/v2/analytics/conversations/details/query");
  }

  @Test
  void aBadQueryIsRejectedWithGenesysReason() throws Exception {
    stub.thenApi(Answer.error(400, "bad.request", "interval is required"));
    assertThatThrownBy(() -> api.submit(JobKind.CONVERSATION_DETAILS, JSON.readTree("{}")))
        .isInstanceOf(GenesysException.class)
        .hasMessageContaining("interval is required")
        .hasMessageStartingWith("POST " + JOBS + ": 400 bad.request");
  }
}
