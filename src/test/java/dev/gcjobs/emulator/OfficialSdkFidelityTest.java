package dev.gcjobs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.AnalyticsApi;
import com.mypurecloud.sdk.v2.extensions.AuthResponse;
import com.mypurecloud.sdk.v2.model.AnalyticsConversation;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationAsyncQueryResponse;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationQueryResponse;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationSegment;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationWithoutAttributes;
import com.mypurecloud.sdk.v2.model.AnalyticsParticipant;
import com.mypurecloud.sdk.v2.model.AnalyticsParticipantWithoutAttributes;
import com.mypurecloud.sdk.v2.model.AnalyticsSession;
import com.mypurecloud.sdk.v2.model.AnalyticsUserDetail;
import com.mypurecloud.sdk.v2.model.AnalyticsUserDetailsAsyncQueryResponse;
import com.mypurecloud.sdk.v2.model.AsyncConversationQuery;
import com.mypurecloud.sdk.v2.model.AsyncQueryStatus;
import com.mypurecloud.sdk.v2.model.AsyncUserDetailsQuery;
import com.mypurecloud.sdk.v2.model.ConversationQuery;
import com.mypurecloud.sdk.v2.model.PagingSpec;
import dev.gcjobs.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official Genesys Java SDK, a client nobody here wrote, pointed at the emulator: it must
 * authorize, submit, poll and read every results page into its own models with every value the
 * emulator sent.
 */
@Tag("emulator")
class OfficialSdkFidelityTest {
  /** Days old at the data's "now": the lake has revised and deleted some of its conversations. */
  private static final String INTERVAL = "2024-04-26T00:00:00.000Z/2024-04-27T00:00:00.000Z";

  private static final String OUTDATED = "OutdatedSdkVersion";

  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private ApiClient sdk;
  private AnalyticsApi analytics;

  @BeforeEach
  void start() throws IOException {
    emulator =
        TestEmulators.start(
            clock,
            b ->
                b.injectedRetryAfter(Duration.ZERO)
                    .lakeChanges(
                        new LakeChanges(0.3, 0.05, Duration.ofDays(3), Duration.ofDays(4))));
    sdk = sdkClient(null);
    analytics = new AnalyticsApi(sdk);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /**
   * The SDK's own login derives "login.<domain>" from the base path, which fails on 127.0.0.1; so
   * the token comes over plain HTTP and is parsed by the SDK's AuthResponse, as GENESYS_API.md
   * says.
   */
  private ApiClient sdkClient(ApiClient.RetryConfiguration retries) throws IOException {
    EmulatorHttp http = new EmulatorHttp(emulator);
    String body =
        http.login(emulator.clientId(), emulator.clientSecret(), "grant_type=client_credentials")
            .body();
    AuthResponse auth = new ObjectMapper().readValue(body, AuthResponse.class);
    assertThat(auth.getToken_type()).isEqualTo("bearer");
    assertThat(auth.getExpires_in()).isEqualTo(86_400);
    // Asked for explicitly, whatever the SDK's HTTP connector does by itself: gzipped answers.
    ApiClient.Builder builder =
        ApiClient.Builder.standard()
            .withBasePath(emulator.baseUrl())
            .withDefaultHeader("Accept-Encoding", "gzip");
    if (retries != null) {
      builder.withRetryConfiguration(retries);
    }
    ApiClient client = builder.build();
    client.setAccessToken(auth.getAccess_token());
    return client;
  }

  @Test
  void theSdkRunsAConversationJobAndReadsEveryValueTheEmulatorSent() throws Exception {
    String jobId =
        analytics
            .postAnalyticsConversationsDetailsJobs(new AsyncConversationQuery().interval(INTERVAL))
            .getJobId();
    assertThat(jobId).isNotBlank();

    AsyncQueryStatus queued = analytics.getAnalyticsConversationsDetailsJob(jobId);
    assertThat(queued.getState()).isEqualTo(AsyncQueryStatus.StateEnum.QUEUED);
    assertThat(queued.getSubmissionDate().toInstant()).isEqualTo(TestEmulators.NOW);
    clock.advance(Duration.ofMinutes(1));
    AsyncQueryStatus done = analytics.getAnalyticsConversationsDetailsJob(jobId);
    assertThat(done.getState()).isEqualTo(AsyncQueryStatus.StateEnum.FULFILLED);
    assertThat(done.getCompletionDate()).isNotNull();
    assertThat(done.getExpirationDate()).isNotNull();

    List<AnalyticsConversation> conversations = new ArrayList<>();
    List<JsonNode> sent = new ArrayList<>();
    String cursor = null;
    EmulatorHttp raw = new EmulatorHttp(emulator);
    do {
      AnalyticsConversationAsyncQueryResponse page =
          analytics.getAnalyticsConversationsDetailsJobResults(jobId, cursor, 50);
      assertThat(page.getDataAvailabilityDate().toInstant()).isEqualTo(TestEmulators.NOW);
      conversations.addAll(page.getConversations());
      String path =
          "/api/v2/analytics/conversations/details/jobs/"
              + jobId
              + "/results?pageSize=50"
              + (cursor == null ? "" : "&cursor=" + cursor);
      EmulatorHttp.json(raw.get(path)).path("conversations").forEach(sent::add);
      cursor = page.getCursor();
    } while (cursor != null);

    assertThat(conversations.stream().map(AnalyticsConversation::getConversationId))
        .containsExactlyElementsOf(
            emulator.groundTruthConversationIds("{\"interval\":\"" + INTERVAL + "\"}"));
    List<ConversationVersion> versions =
        emulator.groundTruthVersions("{\"interval\":\"" + INTERVAL + "\"}", TestEmulators.NOW);
    assertThat(versions).as("revised records among those read").anyMatch(v -> v.version() == 2);
    assertThat(versions).as("deletions left out").anyMatch(ConversationVersion::deleted);
    ObjectMapper sdkJson = sdk.getObjectMapper();
    for (int i = 0; i < conversations.size(); i++) {
      AnalyticsConversation c = conversations.get(i);
      JsonNode original = sent.get(i);
      assertThat(c.getConversationStart().toInstant().toString())
          .isEqualTo(original.path("conversationStart").asText().replace(".000Z", "Z"));
      assertEveryValueSurvived(original, sdkJson.valueToTree(c), c.getConversationId());
      for (AnalyticsParticipant p : c.getParticipants()) {
        assertThat(p.getPurpose())
            .isNotNull()
            .isNotEqualTo(AnalyticsParticipant.PurposeEnum.OUTDATEDSDKVERSION);
        for (AnalyticsSession s : p.getSessions()) {
          assertThat(s.getMediaType())
              .isNotNull()
              .isNotEqualTo(AnalyticsSession.MediaTypeEnum.OUTDATEDSDKVERSION);
          for (AnalyticsConversationSegment segment : s.getSegments()) {
            assertThat(segment.getSegmentType())
                .isNotNull()
                .isNotEqualTo(AnalyticsConversationSegment.SegmentTypeEnum.OUTDATEDSDKVERSION);
            assertThat(segment.getSegmentStart()).isNotNull();
          }
        }
      }
    }
  }

  @Test
  void theSdkRunsAUserDetailsJobAndReadsEveryValueTheEmulatorSent() throws Exception {
    String jobId =
        analytics
            .postAnalyticsUsersDetailsJobs(new AsyncUserDetailsQuery().interval(INTERVAL))
            .getJobId();
    clock.advance(Duration.ofMinutes(1));
    assertThat(analytics.getAnalyticsUsersDetailsJob(jobId).getState())
        .isEqualTo(AsyncQueryStatus.StateEnum.FULFILLED);

    List<AnalyticsUserDetail> users = new ArrayList<>();
    String cursor = null;
    do {
      AnalyticsUserDetailsAsyncQueryResponse page =
          analytics.getAnalyticsUsersDetailsJobResults(jobId, cursor, 5);
      users.addAll(page.getUserDetails());
      cursor = page.getCursor();
    } while (cursor != null);

    List<String> truth = emulator.groundTruthUserIds("{\"interval\":\"" + INTERVAL + "\"}");
    assertThat(users.stream().map(AnalyticsUserDetail::getUserId)).containsExactlyElementsOf(truth);
    EmulatorHttp raw = new EmulatorHttp(emulator);
    JsonNode sent =
        EmulatorHttp.json(
                raw.get("/api/v2/analytics/users/details/jobs/" + jobId + "/results?pageSize=1000"))
            .path("userDetails");
    for (int i = 0; i < users.size(); i++) {
      assertEveryValueSurvived(
          sent.get(i), sdk.getObjectMapper().valueToTree(users.get(i)), truth.get(i));
    }
    assertThat(users)
        .anySatisfy(u -> assertThat(u.getPrimaryPresence()).isNotEmpty())
        .anySatisfy(u -> assertThat(u.getRoutingStatus()).isNotEmpty());
  }

  @Test
  void theSdkReadsTheSynchronousQueryWhoseParticipantsHaveNoAttributes() throws Exception {
    AnalyticsConversationQueryResponse page =
        analytics.postAnalyticsConversationsDetailsQuery(
            new ConversationQuery().interval(INTERVAL).paging(new PagingSpec().pageSize(100)));

    assertThat(page.getTotalHits())
        .isEqualTo(
            emulator.groundTruthConversationIds("{\"interval\":\"" + INTERVAL + "\"}").size());
    assertThat(page.getConversations()).hasSize(100);
    for (AnalyticsConversationWithoutAttributes c : page.getConversations()) {
      assertThat(c.getParticipants())
          .allSatisfy(
              p ->
                  assertThat(p.getPurpose())
                      .isNotNull()
                      .isNotEqualTo(
                          AnalyticsParticipantWithoutAttributes.PurposeEnum.OUTDATEDSDKVERSION));
    }
  }

  @Test
  void theSdkSeesGenesysErrorsWithTheirStatusAndCorrelationId() throws Exception {
    try {
      analytics.getAnalyticsConversationsDetailsJob("no-such-job");
      throw new AssertionError("a 404 was expected");
    } catch (ApiException e) {
      assertThat(e.getStatusCode()).isEqualTo(404);
      assertThat(e.getCorrelationId()).isNotBlank();
      assertThat(e.getRawBody()).contains("not.found", e.getCorrelationId());
    }
  }

  @Test
  void theSdkWithRetriesOnGetsThroughA429Storm() throws Exception {
    ApiClient.RetryConfiguration retries = new ApiClient.RetryConfiguration();
    retries.setMaxRetryTimeSec(30);
    retries.setRetryMax(50);
    AnalyticsApi patient = new AnalyticsApi(sdkClient(retries));
    emulator.faults().add("api:429=0.5");

    String jobId =
        patient
            .postAnalyticsConversationsDetailsJobs(new AsyncConversationQuery().interval(INTERVAL))
            .getJobId();
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(patient.getAnalyticsConversationsDetailsJob(jobId).getState())
          .isEqualTo(AsyncQueryStatus.StateEnum.FULFILLED);
    }
    int read = 0;
    String cursor = null;
    do {
      AnalyticsConversationAsyncQueryResponse page =
          patient.getAnalyticsConversationsDetailsJobResults(jobId, cursor, 20);
      read += page.getConversations().size();
      cursor = page.getCursor();
    } while (cursor != null);

    assertThat(read)
        .isEqualTo(
            emulator.groundTruthConversationIds("{\"interval\":\"" + INTERVAL + "\"}").size());
    RequestCounts counts = emulator.requestCounts();
    assertThat(
            counts.count(Endpoint.SUBMIT, 429)
                + counts.count(Endpoint.STATUS, 429)
                + counts.count(Endpoint.RESULTS, 429))
        .isGreaterThan(3);
  }

  /**
   * Every field the emulator sent is in the SDK model's re-serialization, not null, and no enum
   * became the SDK's "OutdatedSdkVersion" placeholder.
   */
  private static void assertEveryValueSurvived(JsonNode sent, JsonNode parsed, String where) {
    if (sent.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = sent.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = parsed.get(field.getKey());
        assertThat(value)
            .as("%s.%s = %s was dropped by the SDK model", where, field.getKey(), field.getValue())
            .isNotNull();
        assertThat(value.isNull())
            .as("%s.%s is null in the SDK model", where, field.getKey())
            .isFalse();
        assertEveryValueSurvived(field.getValue(), value, where + "." + field.getKey());
      }
    } else if (sent.isArray()) {
      assertThat(parsed.size()).as("%s size", where).isEqualTo(sent.size());
      for (int i = 0; i < sent.size(); i++) {
        assertEveryValueSurvived(sent.get(i), parsed.get(i), where + "[" + i + "]");
      }
    } else if (sent.isTextual()) {
      assertThat(parsed.asText()).as("%s", where).isNotEqualTo(OUTDATED);
    }
  }
}
