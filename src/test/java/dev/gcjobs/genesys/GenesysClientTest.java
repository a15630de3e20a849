package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gcjobs.genesys.StubGenesys.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GenesysClientTest {
  private static final String ENDPOINT = "GET /api/v2/things/{id}";
  private static final ApiRequest GET = ApiRequest.get(ENDPOINT, "/api/v2/things/t1?x=1");
  private static final ResponseReader<String> TEXT =
      r -> new String(r.body(), StandardCharsets.UTF_8);

  private StubGenesys stub;
  private final FakeTime time = new FakeTime();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private GenesysClient client;

  @BeforeEach
  void start() throws Exception {
    stub = new StubGenesys();
    client =
        GenesysClient.builder()
            .domain(stub.baseUrl())
            .credentials(new Credentials("client-1", "the-secret"))
            .clock(time)
            .sleeper(time)
            .random(() -> 0.5)
            .meterRegistry(registry)
            .build();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void retriesGatewayErrorsWithJitteredBackoffUntilTheCallSucceeds() {
    stub.thenApi(Answer.error(503, "service.unavailable", "busy"), Answer.error(502, "bad", "gw"));
    stub.apiDefault(r -> Answer.json(200, "{\"ok\":true}"));

    assertThat(client.send(GET, TEXT)).isEqualTo("{\"ok\":true}");

    assertThat(stub.apiRequests()).hasSize(3);
    // Full jitter at random 0.5: half of 0.5 s, then half of 1 s.
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(
            registry
                .counter("genesys.retries", "endpoint", ENDPOINT, "reason", "server_unavailable")
                .count())
        .isEqualTo(2);
    assertThat(registry.timer("genesys.requests", "endpoint", ENDPOINT, "status", "503").count())
        .isEqualTo(1);
    assertThat(registry.timer("genesys.requests", "endpoint", ENDPOINT, "status", "200").count())
        .isEqualTo(1);
  }

  @Test
  void a429PausesTheWholeBudgetForRetryAfter() {
    stub.thenApi(
        Answer.json(
            429,
            "{\"status\":429,\"code\":\"too.many.requests.retry.after\",\"message\":\"Retry in [7] seconds\"}",
            Map.of("Retry-After", "7")));
    java.time.Instant before = time.instant();

    client.send(GET, TEXT);

    assertThat(client.budget().pausedUntil()).isEqualTo(before.plusSeconds(7));
    assertThat(time.instant()).isAfterOrEqualTo(before.plusSeconds(7));
    assertThat(registry.counter("genesys.rate_limited", "endpoint", ENDPOINT).count()).isEqualTo(1);
    assertThat(stub.apiRequests()).hasSize(2);
  }

  @Test
  void aRetryAfterPastTheDeadlineFailsAtOnceInsteadOfSleeping() {
    stub.thenApi(Answer.json(429, "{}", Map.of("Retry-After", "3600")));

    assertThatThrownBy(() -> client.send(GET, TEXT))
        .isInstanceOfSatisfying(
            GenesysException.class,
            e -> {
              assertThat(e.isTransient()).isTrue();
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.getMessage()).contains("gave up after 1 attempt");
            });
    assertThat(time.sleeps()).isEmpty();
    assertThat(stub.apiRequests()).hasSize(1);
  }

  @Test
  void otherClientErrorsAreNotRetriedAndCarryTheGenesysErrorFields() {
    stub.thenApi(Answer.error(400, "bad.request", "interval is required"));

    assertThatThrownBy(() -> client.send(GET, TEXT))
        .isInstanceOfSatisfying(
            GenesysException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("bad.request");
              assertThat(e.genesysMessage()).isEqualTo("interval is required");
              assertThat(e.contextId()).isEqualTo("ctx-400");
              assertThat(e.method()).isEqualTo("GET");
              assertThat(e.path()).isEqualTo("/api/v2/things/t1");
              assertThat(e.isTransient()).isFalse();
              assertThat(e.getMessage())
                  .isEqualTo(
                      "GET /api/v2/things/t1: 400 bad.request: interval is required (contextId ctx-400)");
            });
    assertThat(stub.apiRequests()).hasSize(1);
  }

  @Test
  void anInternalErrorIsRetriedForAReadButFinalForASubmitThatMayHaveCreatedItsJob() {
    stub.thenApi(Answer.error(500, "internal.server.error", "oops"), Answer.json(200, "{}"));
    client.send(GET, TEXT);
    int afterRead = stub.apiRequests().size();
    stub.thenApi(Answer.error(500, "internal.server.error", "oops"));
    ApiRequest submit =
        ApiRequest.post("POST /api/v2/jobs", "/api/v2/jobs", JsonNodeFactory.instance.objectNode());

    assertThat(afterRead).isEqualTo(2);
    assertThatThrownBy(() -> client.send(submit, TEXT))
        .isInstanceOfSatisfying(GenesysException.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThat(stub.apiRequests()).hasSize(afterRead + 1);
  }

  @Test
  void compressedErrorBodiesAreReadForGenesysFields() {
    String error =
        "{\"status\":400,\"code\":\"bad.request\",\"message\":\"no\",\"contextId\":\"c-9\"}";
    stub.thenApi(new Answer(400, Map.of("Content-Encoding", "gzip"), error, false, -1, true));

    assertThatThrownBy(() -> client.send(GET, TEXT))
        .isInstanceOfSatisfying(
            GenesysException.class,
            e -> {
              assertThat(e.code()).isEqualTo("bad.request");
              assertThat(e.genesysMessage()).isEqualTo("no");
              assertThat(e.contextId()).isEqualTo("c-9");
            });
  }

  @Test
  void notFoundAndForbiddenAreFinal() {
    for (int status : new int[] {403, 404}) {
      stub.thenApi(Answer.error(status, "x", "y"));
      int before = stub.apiRequests().size();
      assertThatThrownBy(() -> client.send(GET, TEXT))
          .isInstanceOfSatisfying(
              GenesysException.class, e -> assertThat(e.status()).isEqualTo(status));
      assertThat(stub.apiRequests()).hasSize(before + 1);
    }
  }

  @Test
  void givesUpAfterTheLastAttemptAndSaysWhy() {
    stub.apiDefault(r -> Answer.error(504, "gateway.timeout", "slow"));

    assertThatThrownBy(() -> client.send(GET, TEXT))
        .isInstanceOfSatisfying(
            GenesysException.class,
            e -> {
              assertThat(e.isTransient()).isTrue();
              assertThat(e.getMessage())
                  .startsWith(
                      "GET /api/v2/things/t1: gave up after 10 attempts; last failure: HTTP 504");
            });
    assertThat(stub.apiRequests()).hasSize(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
  }

  @Test
  void aTokenRefusedAfterItWasInUseIsReplacedAndTheCallSentAgainAtOnce() {
    client.send(GET, TEXT);
    time.advance(Duration.ofMinutes(1));
    stub.thenApi(Answer.error(401, "bad.credentials", "expired"));

    client.send(GET, TEXT);

    assertThat(stub.tokensIssued()).isEqualTo(2);
    assertThat(stub.apiRequests())
        .extracting(StubGenesys.Request::authorization)
        .containsExactly(
            "Bearer " + StubGenesys.tokenValue(1),
            "Bearer " + StubGenesys.tokenValue(1),
            "Bearer " + StubGenesys.tokenValue(2));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aFreshTokenRefusedAfterTheFirstRefreshIsAnAuthErrorNotALoop() {
    stub.thenApi(
        Answer.error(401, "bad.credentials", "no"), Answer.error(401, "bad.credentials", "no"));

    assertThatThrownBy(() -> client.send(GET, TEXT))
        .isInstanceOfSatisfying(
            GenesysAuthException.class,
            e -> assertThat(e.likelyProblem()).isEqualTo(GenesysAuthException.LikelyProblem.GRANT));
    assertThat(stub.tokensIssued()).isEqualTo(2);
    assertThat(stub.apiRequests()).hasSize(2);
  }

  @Test
  void aRefreshedTokenThatAgedInTheBudgetBeforeItWasSentIsReplacedAgain() {
    stub.thenApi(
        Answer.error(401, "bad.credentials", "expired"),
        Answer.json(
            429,
            "{\"status\":429,\"code\":\"too.many.requests\",\"message\":\"later\"}",
            Map.of("Retry-After", "60")),
        Answer.error(401, "bad.credentials", "expired"));

    client.send(GET, TEXT);

    assertThat(stub.tokensIssued()).isEqualTo(3);
    assertThat(stub.apiRequests())
        .extracting(StubGenesys.Request::authorization)
        .containsExactly(
            "Bearer " + StubGenesys.tokenValue(1),
            "Bearer " + StubGenesys.tokenValue(2),
            "Bearer " + StubGenesys.tokenValue(2),
            "Bearer " + StubGenesys.tokenValue(3));
  }

  @Test
  void anAgedTokenRefusedIsReplacedButTheFreshOneRefusedTooIsAnAuthError() {
    client.send(GET, TEXT);
    time.advance(Duration.ofMinutes(1));
    stub.thenApi(
        Answer.error(401, "bad.credentials", "no"), Answer.error(401, "bad.credentials", "no"));

    assertThatThrownBy(() -> client.send(GET, TEXT)).isInstanceOf(GenesysAuthException.class);
    assertThat(stub.tokensIssued()).isEqualTo(2);
    assertThat(stub.apiRequests()).hasSize(3);
  }

  @Test
  void aBodyCutOffMidwayIsFetchedAgain() {
    String body = "{\"conversations\":[{\"a\":1}],\"cursor\":\"c\"}";
    stub.thenApi(Answer.cutOff(body, 20), Answer.json(200, body));

    assertThat(client.send(GET, TEXT)).isEqualTo(body);
    assertThat(stub.apiRequests()).hasSize(2);
  }

  @Test
  void aWellFramedButTruncatedJsonBodyIsFetchedAgain() {
    SamplePages.Sample sample = SamplePages.conversations(2, null, 1);
    String whole = new String(sample.page(), StandardCharsets.UTF_8);
    stub.thenApi(Answer.json(200, whole.substring(0, whole.length() / 2)), Answer.json(200, whole));

    ResultsPageParser.Page page =
        client.send(GET, r -> ResultsPageParser.parse(r.body(), "conversations"));

    assertThat(page.records()).hasSize(2);
    assertThat(
            registry
                .counter("genesys.retries", "endpoint", ENDPOINT, "reason", "malformed_body")
                .count())
        .isEqualTo(1);
  }

  @Test
  void gzipCompressedAnswersAreAskedForAndReadAsTheOriginalBytes() {
    String body = new String(SamplePages.conversations(5, "c", 2).page(), StandardCharsets.UTF_8);
    stub.thenApi(Answer.gzip(body, 200), Answer.gzip(body, -1));

    assertThat(client.send(GET, TEXT)).isEqualTo(body);
    assertThat(
            registry
                .counter("genesys.retries", "endpoint", ENDPOINT, "reason", "malformed_body")
                .count())
        .isEqualTo(1);
  }

  @Test
  void aResetConnectionIsRetried() {
    stub.thenApi(Answer.connectionReset(), Answer.connectionReset(), Answer.connectionReset());

    assertThat(client.send(GET, TEXT)).isEqualTo("{}");

    // The JDK client itself resends a GET once on a dropped connection; the rest is ours.
    assertThat(
            registry
                .counter("genesys.retries", "endpoint", ENDPOINT, "reason", "connection_failed")
                .count())
        .isGreaterThanOrEqualTo(1);
    assertThat(stub.apiRequests()).hasSize(4);
  }

  @Test
  void rateLimitHeadersWithNothingLeftPauseTheBudgetBeforeA429() {
    stub.thenApi(
        Answer.json(
            200,
            "{}",
            Map.of(
                "inin-ratelimit-allowed", "300",
                "inin-ratelimit-count", "299",
                "inin-ratelimit-reset", "20")));
    java.time.Instant before = time.instant();

    client.send(GET, TEXT);

    assertThat(client.budget().pausedUntil()).isEqualTo(before.plusSeconds(20));
  }

  @Test
  void postsSendTheJsonBodyAndTheBearerToken() throws Exception {
    var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"interval\":\"x/y\"}");
    client.send(ApiRequest.post("POST /api/v2/q", "/api/v2/q", body), TEXT);

    StubGenesys.Request sent = stub.apiRequests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.body()).isEqualTo("{\"interval\":\"x/y\"}");
    assertThat(sent.authorization()).isEqualTo("Bearer " + StubGenesys.tokenValue(1));
  }

  @Test
  void budgetWaitsAreMeasured() {
    for (int i = 0; i < 10; i++) {
      client.send(GET, TEXT);
    }
    // 280/min: a burst of 4, then one permit every ~214 ms of fake time.
    assertThat(registry.timer("genesys.budget.wait").count()).isEqualTo(10);
    assertThat(client.budget().totalWaited()).isGreaterThan(Duration.ofSeconds(1));
  }
}
