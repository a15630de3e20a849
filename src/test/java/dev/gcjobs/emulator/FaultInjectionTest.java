package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("emulator")
class FaultInjectionTest {
  private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";
  private static final String AVAILABILITY = JOBS + "/availability";

  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private EmulatorHttp http;

  private void start(java.util.function.Consumer<EmulatorConfig.Builder> settings) {
    emulator = TestEmulators.start(clock, settings);
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private String fulfilledJob() {
    String jobId = json(http.post(JOBS, TestEmulators.DAY_QUERY)).path("jobId").asText();
    clock.advance(Duration.ofMinutes(1));
    return jobId;
  }

  @Test
  void eachErrorStatusFaultAnswersWithItsStatusAndAnErrorBody() {
    start(b -> {});
    http.token();
    for (int status : new int[] {500, 502, 503, 504}) {
      emulator.faults().clear();
      emulator.faults().add("availability:" + status + "=1");

      HttpResponse<String> answer = http.get(AVAILABILITY);

      assertThat(answer.statusCode()).isEqualTo(status);
      JsonNode body = json(answer);
      assertThat(body.path("status").asInt()).isEqualTo(status);
      assertThat(body.path("code").asText()).isNotBlank();
      assertThat(body.path("contextId").asText())
          .isEqualTo(answer.headers().firstValue("ININ-Correlation-Id").orElseThrow());
      assertThat(body.path("details").isArray()).isTrue();
      assertThat(body.path("errors").isArray()).isTrue();
      assertThat(answer.headers().firstValue("inin-ratelimit-allowed")).isPresent();
    }
  }

  @Test
  void anInjected429CarriesRetryAfterAndTheNormalizedBody() {
    start(b -> b.injectedRetryAfter(Duration.ofSeconds(7)).fault("status:429=1"));
    String jobId = json(http.post(JOBS, TestEmulators.DAY_QUERY)).path("jobId").asText();

    HttpResponse<String> answer = http.get(JOBS + "/" + jobId);

    assertThat(answer.statusCode()).isEqualTo(429);
    assertThat(answer.headers().firstValue("Retry-After")).contains("7");
    assertThat(json(answer).path("code").asText()).isEqualTo("too.many.requests.retry.after");
    assertThat(json(answer).path("message").asText()).contains("[7] seconds");
  }

  @Test
  void aScriptedFaultHitsExactlyTheNthCall() {
    start(b -> {});
    String jobId = fulfilledJob();
    String results = JOBS + "/" + jobId + "/results?pageSize=10";
    emulator.faults().script(Endpoint.RESULTS, FaultKind.SERVICE_UNAVAILABLE, 3);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(http.get(results).statusCode());
    }

    assertThat(statuses).containsExactly(200, 200, 503, 200, 200);
  }

  @Test
  void scriptedFaultsFromTheConfigCountFromStart() {
    start(b -> b.fault("token@2=502").fault("availability@1,2=500"));

    assertThat(
            http.login("gcjobs-demo", "gcjobs-demo-secret", "grant_type=client_credentials")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.login("gcjobs-demo", "gcjobs-demo-secret", "grant_type=client_credentials")
                .statusCode())
        .isEqualTo(502);
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(500);
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(500);
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(200);
  }

  @Test
  void aConnectionResetGivesTheClientAnIOException() {
    start(b -> {});
    http.token();
    // The JDK client silently retries an idempotent GET once on a dead connection: reset both.
    emulator.faults().add("availability:reset=1");

    assertThatThrownBy(() -> http.sendOrThrow(http.authorized(AVAILABILITY).GET()))
        .isInstanceOf(IOException.class);
    assertThat(
            emulator.requestCounts().count(Endpoint.AVAILABILITY, RequestCounts.CONNECTION_RESET))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aTruncatedBodyGivesTheClientAnIOException() {
    start(b -> {});
    String jobId = fulfilledJob();
    emulator.faults().add("results:truncate=1");

    assertThatThrownBy(
            () ->
                http.sendOrThrow(
                    http.authorized(JOBS + "/" + jobId + "/results?pageSize=100").GET()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("content-length");
  }

  @Test
  void aSlowAnswerComesAfterTheSlowDelay() {
    start(b -> b.slowDelay(Duration.ofMillis(300)));
    http.token();
    emulator.faults().add("availability:slow=1");

    long started = System.nanoTime();
    HttpResponse<String> answer = http.get(AVAILABILITY);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void theSameSeedInjectsTheSameFaults() {
    List<List<Integer>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      start(b -> b.seed(7).fault("availability:503=0.3").fault("availability:500=0.2"));
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        statuses.add(http.get(AVAILABILITY).statusCode());
      }
      runs.add(statuses);
      emulator.close();
    }
    start(b -> {});

    assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 503, 500);
  }

  @Test
  void faultsCanBeSetReadAndClearedOverHttp() {
    start(b -> {});
    http.token();

    HttpResponse<String> set =
        http.send(
            http.request("/emulator/faults")
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"rules\":[\"availability:503=1\"],\"failedJobFraction\":0.25}")));

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(json(set).path("rules").get(0).asText()).isEqualTo("availability:503=1.0");
    assertThat(json(set).path("failedJobFraction").asDouble()).isEqualTo(0.25);
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(503);

    assertThat(http.send(http.request("/emulator/faults").DELETE()).statusCode()).isEqualTo(204);
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(200);
    assertThat(json(http.send(http.request("/emulator/faults").GET())).path("rules").size())
        .isZero();
  }

  @Test
  void aMalformedFaultRuleIsABadRequestSayingHowToWriteIt() {
    start(b -> {});

    HttpResponse<String> answer =
        http.send(
            http.request("/emulator/faults")
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"rules\":[\"results=503\"]}")));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).path("message").asText()).contains("results:503=0.1");
  }
}
