package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("emulator")
class RateLimitTest {
  private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";
  private static final String AVAILABILITY = JOBS + "/availability";

  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void everyApiAnswerCarriesRateLimitHeadersAndACorrelationId() {
    emulator = TestEmulators.start(clock, b -> b.requestsPerMinute(60));
    EmulatorHttp http = new EmulatorHttp(emulator);

    String jobId = json(http.post(JOBS, TestEmulators.DAY_QUERY)).path("jobId").asText();
    List<HttpResponse<String>> answers =
        List.of(
            http.get(AVAILABILITY),
            http.get(JOBS + "/" + jobId),
            http.get(JOBS + "/" + jobId + "/results"),
            http.delete(JOBS + "/" + jobId),
            http.post(JOBS, "{}"));

    for (HttpResponse<String> answer : answers) {
      assertThat(answer.headers().firstValue("inin-ratelimit-allowed")).contains("60");
      assertThat(answer.headers().firstValue("inin-ratelimit-count")).isPresent();
      assertThat(answer.headers().firstValue("inin-ratelimit-reset")).isPresent();
      assertThat(answer.headers().firstValue("ININ-Correlation-Id")).isPresent();
    }
    assertThat(answers.get(3).headers().firstValue("inin-ratelimit-count")).contains("5");
  }

  @Test
  void aClientOverItsRateGets429WithRetryAfterUntilTheBucketRefills() {
    emulator = TestEmulators.start(clock, b -> b.requestsPerMinute(3));
    EmulatorHttp http = new EmulatorHttp(emulator);
    for (int i = 0; i < 3; i++) {
      assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> refused = http.get(AVAILABILITY);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("20");
    JsonNode body = json(refused);
    assertThat(body.path("code").asText()).isEqualTo("too.many.requests.retry.after");
    assertThat(body.path("message").asText())
        .isEqualTo("Rate limit exceeded the maximum. Retry the request in [20] seconds");
    assertThat(body.path("status").asInt()).isEqualTo(429);
    assertThat(body.path("contextId").asText())
        .isEqualTo(refused.headers().firstValue("ININ-Correlation-Id").orElseThrow());
    assertThat(refused.headers().firstValue("inin-ratelimit-count")).contains("3");
    assertThat(refused.headers().firstValue("inin-ratelimit-reset")).contains("60");

    clock.advance(Duration.ofSeconds(19));
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(429);
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(200);
  }

  @Test
  void eachClientHasItsOwnBucket() {
    emulator =
        TestEmulators.start(
            clock, b -> b.requestsPerMinute(2).client("first", "one").client("second", "two"));
    EmulatorHttp http = new EmulatorHttp(emulator);
    http.get(AVAILABILITY);
    http.get(AVAILABILITY);
    assertThat(http.get(AVAILABILITY).statusCode()).isEqualTo(429);

    String other = http.tokenFor("second", "two");
    HttpResponse<String> answer =
        http.send(http.request(AVAILABILITY).header("Authorization", "Bearer " + other).GET());

    assertThat(answer.statusCode()).isEqualTo(200);
  }

  @Test
  void aClientRunningTheMaximumOfJobsGets429UntilOneCompletes() {
    emulator = TestEmulators.start(clock, b -> b.maxConcurrentJobsPerClient(2));
    EmulatorHttp http = new EmulatorHttp(emulator);
    assertThat(http.post(JOBS, TestEmulators.DAY_QUERY).statusCode()).isEqualTo(202);
    String second = json(http.post(JOBS, TestEmulators.DAY_QUERY)).path("jobId").asText();

    HttpResponse<String> refused = http.post(JOBS, TestEmulators.DAY_QUERY);

    assertThat(refused.statusCode()).isEqualTo(429);
    Duration firstJob =
        TestEmulators.jobDuration(
            emulator.groundTruthConversationIds(TestEmulators.DAY_QUERY).size());
    long untilFirstEnds = (firstJob.toMillis() + 999) / 1000;
    assertThat(refused.headers().firstValue("Retry-After")).contains(Long.toString(untilFirstEnds));
    JsonNode body = json(refused);
    assertThat(body.path("code").asText()).isEqualTo("too.many.requests");
    assertThat(body.path("message").asText()).contains("concurrent", "[2]");
    assertThat(body.path("limit").path("key").asText())
        .isEqualTo("details.jobs.concurrent.access.max");
    assertThat(body.path("limit").path("value").asInt()).isEqualTo(2);

    http.delete(JOBS + "/" + second);
    assertThat(http.post(JOBS, TestEmulators.DAY_QUERY).statusCode()).isEqualTo(202);
    assertThat(http.post(JOBS, TestEmulators.DAY_QUERY).statusCode()).isEqualTo(429);
    clock.advance(Duration.ofSeconds(untilFirstEnds));
    assertThat(http.post(JOBS, TestEmulators.DAY_QUERY).statusCode()).isEqualTo(202);
  }
}
