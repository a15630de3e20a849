package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.emulator.RequestCounts;
import dev.gcjobs.testing.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The client against the real emulator over real HTTP: faults, rate, tokens, ground truth. */
@Tag("emulator")
class GenesysClientEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant DATA_NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final String DAY = "2024-05-20T00:00:00.000Z/2024-05-21T00:00:00.000Z";
  private static final String CONVERSATION_QUERY = "{\"interval\":\"" + DAY + "\"}";
  private static final String USER_QUERY = "{\"interval\":\"" + DAY + "\"}";

  /** Retries fast enough for a test, patient enough for a storm. */
  private static final RetryPolicy STORM_POLICY =
      new RetryPolicy(40, Duration.ofMillis(2), Duration.ofMillis(20), Duration.ofSeconds(60));

  private static EmulatorConfig.Builder emulator() {
    return EmulatorConfig.builder()
        .dataNow(DATA_NOW)
        .conversationsPerDay(400)
        .users(20)
        .jobBaseDelay(Duration.ZERO)
        .jobPerRecordDelay(Duration.ZERO);
  }

  private static GenesysClient client(
      Emulator emulator, String secret, RetryPolicy policy, int rate, MeterRegistry registry) {
    return GenesysClient.builder()
        .domain(emulator.baseUrl())
        .credentials(new Credentials(emulator.clientId(), secret))
        .retryPolicy(policy)
        .requestsPerMinute(rate)
        .meterRegistry(registry)
        .build();
  }

  @Test
  void underA429StormResetsTruncation5xxAndExpiringTokensEveryRecordMatchesTheGroundTruth() {
    EmulatorConfig config =
        emulator()
            // Emulator time flies (100 ms a reading): its 3 s tokens expire every few requests.
            .clock(TestClock.ticking(Instant.now(), Duration.ofMillis(100)))
            .tokenTtl(Duration.ofSeconds(3))
            .injectedRetryAfter(Duration.ZERO)
            .fault("api:429=0.45")
            .fault("api:502=0.03")
            .fault("api:503=0.03")
            .fault("api:504=0.03")
            .fault("api:reset=0.05")
            .fault("results:truncate=0.1")
            .fault("userResults:truncate=0.1")
            .build();
    try (Emulator emulator = Emulator.start(config)) {
      MeterRegistry registry = new SimpleMeterRegistry();
      AnalyticsJobsApi api =
          client(emulator, emulator.clientSecret(), STORM_POLICY, 60_000, registry).analyticsJobs();

      List<byte[]> conversations =
          export(api, JobKind.CONVERSATION_DETAILS, CONVERSATION_QUERY, 25);
      List<byte[]> users = export(api, JobKind.USER_DETAILS, USER_QUERY, 4);

      assertThat(ids(conversations, "conversationId"))
          .hasSizeGreaterThan(400)
          .containsExactlyElementsOf(emulator.groundTruthConversationIds(CONVERSATION_QUERY));
      assertThat(ids(users, "userId"))
          .isNotEmpty()
          .containsExactlyElementsOf(emulator.groundTruthUserIds(USER_QUERY));
      long apiCalls = 0;
      long tooMany = 0;
      long unauthorized = 0;
      for (Map.Entry<Endpoint, Map<Integer, Long>> e :
          emulator.requestCounts().snapshot().entrySet()) {
        if (e.getKey() != Endpoint.TOKEN) {
          apiCalls += e.getValue().values().stream().mapToLong(Long::longValue).sum();
          tooMany += e.getValue().getOrDefault(429, 0L);
          unauthorized += e.getValue().getOrDefault(401, 0L);
        }
      }
      assertThat((double) tooMany / apiCalls)
          .as("share of 429 answers")
          .isGreaterThanOrEqualTo(0.3);
      assertThat(unauthorized).as("API calls with an expired token").isPositive();
      assertThat(emulator.requestCounts().count(Endpoint.TOKEN, 200)).as("logins").isGreaterThan(2);
      assertThat(emulator.requestCounts().count(Endpoint.RESULTS, RequestCounts.CONNECTION_RESET))
          .as("resets on results")
          .isPositive();
      assertThat(
              registry
                  .find("genesys.retries")
                  .tag(
                      "endpoint",
                      "GET " + JobKind.CONVERSATION_DETAILS.jobsPath() + "/{jobId}/results")
                  .tag("reason", "connection_failed")
                  .counter())
          .as("cut-off and reset pages fetched again")
          .isNotNull();
    }
  }

  @Test
  void gzippedPagesAndAGzippedErrorBodyFromTheEmulatorAreDecoded() throws Exception {
    try (Emulator emulator = Emulator.start(emulator().build())) {
      AnalyticsJobsApi api =
          client(
                  emulator,
                  emulator.clientSecret(),
                  RetryPolicy.DEFAULT,
                  60_000,
                  new SimpleMeterRegistry())
              .analyticsJobs();
      List<byte[]> records = export(api, JobKind.CONVERSATION_DETAILS, CONVERSATION_QUERY, 100);
      String jobId = api.submit(JobKind.CONVERSATION_DETAILS, JSON.readTree(CONVERSATION_QUERY));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> api.status(JobKind.CONVERSATION_DETAILS, jobId).state() == JobState.FULFILLED);
      emulator.faults().add("results@1=400");

      Throwable refused =
          catchThrowable(
              () -> api.resultsPage(JobKind.CONVERSATION_DETAILS, jobId, null, 100, r -> {}));

      assertThat(ids(records, "conversationId"))
          .containsExactlyElementsOf(emulator.groundTruthConversationIds(CONVERSATION_QUERY));
      assertThat(refused)
          .as("the error body, sent gzipped because the client asks for gzip, is read")
          .hasMessageContaining("Injected fault: the request is invalid");
    }
  }

  @Test
  void theBudgetKeepsConcurrentCallersUnderTheConfiguredRate() throws Exception {
    try (Emulator emulator = Emulator.start(emulator().build())) {
      GenesysClient client =
          client(
              emulator,
              emulator.clientSecret(),
              RetryPolicy.DEFAULT,
              1200,
              new SimpleMeterRegistry());
      client.tokens().token();
      int callers = 8;
      long start = System.nanoTime();
      long stopAt = start + TimeUnit.SECONDS.toNanos(2);
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        running.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < stopAt) {
                    client.analyticsJobs().availability();
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();

      long sent = emulator.requestCounts().total(Endpoint.AVAILABILITY);
      // 1200 a minute: 20 a second, after a burst of one second's worth.
      assertThat(sent).isLessThanOrEqualTo(20 + (long) Math.ceil(20 * seconds));
      assertThat(sent).as("the callers were not starved").isGreaterThanOrEqualTo(20 * 2 / 2);
      assertThat(emulator.requestCounts().count(Endpoint.AVAILABILITY, 429)).isZero();
    }
  }

  @Test
  void a401LeadsToExactlyOneTokenRefreshAndOneRetry() {
    FakeTime emulatorTime = new FakeTime(Instant.now());
    try (Emulator emulator =
        Emulator.start(emulator().clock(emulatorTime).tokenTtl(Duration.ofHours(1)).build())) {
      AnalyticsJobsApi api =
          client(
                  emulator,
                  emulator.clientSecret(),
                  RetryPolicy.DEFAULT,
                  600,
                  new SimpleMeterRegistry())
              .analyticsJobs();
      api.availability();
      // The token expires at Genesys while this client still trusts it (clock skew, revocation).
      emulatorTime.advance(Duration.ofHours(2));

      api.availability();

      RequestCounts counts = emulator.requestCounts();
      assertThat(counts.total(Endpoint.TOKEN)).isEqualTo(2);
      assertThat(counts.count(Endpoint.AVAILABILITY, 401)).isEqualTo(1);
      assertThat(counts.count(Endpoint.AVAILABILITY, 200)).isEqualTo(2);
      assertThat(counts.total(Endpoint.AVAILABILITY)).isEqualTo(3);
    }
  }

  @Test
  void aJobGenesysNoLongerKnowsIsNotFoundAndUnfinishedResultsAreNotReady() throws Exception {
    try (Emulator emulator =
        Emulator.start(emulator().jobBaseDelay(Duration.ofMinutes(10)).build())) {
      AnalyticsJobsApi api =
          client(
                  emulator,
                  emulator.clientSecret(),
                  RetryPolicy.DEFAULT,
                  600,
                  new SimpleMeterRegistry())
              .analyticsJobs();
      String jobId = api.submit(JobKind.CONVERSATION_DETAILS, JSON.readTree(CONVERSATION_QUERY));
      List<byte[]> got = new ArrayList<>();

      assertThat(api.status(JobKind.CONVERSATION_DETAILS, jobId).state())
          .isIn(JobState.QUEUED, JobState.PENDING);
      assertThatThrownBy(
              () -> api.resultsPage(JobKind.CONVERSATION_DETAILS, jobId, null, 100, got::add))
          .isInstanceOf(ResultsNotReadyException.class);
      assertThat(got).isEmpty();
      assertThatThrownBy(() -> api.status(JobKind.CONVERSATION_DETAILS, "no-such-job"))
          .isInstanceOf(JobNotFoundException.class);

      api.cancel(JobKind.CONVERSATION_DETAILS, jobId);
      assertThat(api.status(JobKind.CONVERSATION_DETAILS, jobId).state())
          .isEqualTo(JobState.CANCELLED);
    }
  }

  @Test
  void neitherTheSecretNorAnyTokenAppearsInLogsOrErrorsOfAGoodOrABadRun() throws Exception {
    String wrongSecret = "Wr0ng-S3cret-Typed-By-Hand";
    FakeTime emulatorTime = new FakeTime(Instant.now());
    EmulatorConfig config =
        emulator().clock(emulatorTime).fault("api:503=0.2").fault("results:truncate=0.2").build();
    List<String> seen = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    try (Emulator emulator = Emulator.start(config);
        LogCapture logs = new LogCapture()) {
      GenesysClient good =
          client(
              emulator, emulator.clientSecret(), STORM_POLICY, 60_000, new SimpleMeterRegistry());
      export(good.analyticsJobs(), JobKind.CONVERSATION_DETAILS, CONVERSATION_QUERY, 100);
      tokens.add(good.tokens().token().value());
      emulatorTime.advance(Duration.ofDays(2));
      good.analyticsJobs().availability();
      tokens.add(good.tokens().token().value());

      GenesysClient bad =
          client(emulator, wrongSecret, STORM_POLICY, 60_000, new SimpleMeterRegistry());
      Throwable failure = catchThrowable(() -> bad.analyticsJobs().availability());
      assertThat(failure)
          .isInstanceOfSatisfying(
              GenesysAuthException.class,
              e ->
                  assertThat(e.likelyProblem())
                      .isEqualTo(GenesysAuthException.LikelyProblem.CREDENTIALS));
      for (Throwable t = failure; t != null; t = t.getCause()) {
        seen.add(t.toString());
      }
      seen.addAll(logs.lines());

      assertThat(logs.lines()).isNotEmpty();
      assertThat(tokens).doesNotHaveDuplicates();
      for (String text : seen) {
        assertThat(text).doesNotContain(emulator.clientSecret(), wrongSecret);
        for (String token : tokens) {
          assertThat(text).doesNotContain(token);
        }
      }
    }
  }

  /** Submits a job, waits until it is FULFILLED and reads every page: the records in order. */
  private static List<byte[]> export(
      AnalyticsJobsApi api, JobKind kind, String query, int pageSize) {
    try {
      JsonNode body = JSON.readTree(query);
      String jobId = api.submit(kind, body);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> api.status(kind, jobId).state() == JobState.FULFILLED);
      List<byte[]> records = new ArrayList<>();
      String cursor = null;
      do {
        cursor = api.resultsPage(kind, jobId, cursor, pageSize, records::add).cursor();
      } while (cursor != null);
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> ids(List<byte[]> records, String field) {
    List<String> ids = new ArrayList<>();
    for (byte[] r : records) {
      try {
        ids.add(JSON.readTree(r).path(field).asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }
}
