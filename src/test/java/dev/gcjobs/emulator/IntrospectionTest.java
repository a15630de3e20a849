package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("emulator")
class IntrospectionTest {
  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator = TestEmulators.start(clock);
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> postOpen(String path, String json) {
    return http.send(
        http.request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  @Test
  void groundTruthListsTheIdsAJobWouldReturnWithoutAToken() {
    HttpResponse<String> answer =
        postOpen(
            "/emulator/ground-truth/conversations",
            "{\"interval\":\"2024-05-01T00:00:00Z/2024-05-01T01:00:00Z\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = json(answer);
    List<String> truth =
        emulator.groundTruthConversationIds(
            "{\"interval\":\"2024-05-01T00:00:00Z/2024-05-01T01:00:00Z\"}");
    assertThat(truth).isNotEmpty();
    assertThat(body.path("count").asInt()).isEqualTo(truth.size());
    List<String> ids = new ArrayList<>();
    body.path("ids").forEach(id -> ids.add(id.asText()));
    assertThat(ids).isEqualTo(truth);
    assertThat(
            json(postOpen("/emulator/ground-truth/users", TestEmulators.DAY_QUERY))
                .path("count")
                .asInt())
        .isEqualTo(emulator.groundTruthUserIds(TestEmulators.DAY_QUERY).size())
        .isPositive();
  }

  @Test
  void groundTruthOfABadQueryIsTheSameBadRequestAJobGets() {
    HttpResponse<String> answer = postOpen("/emulator/ground-truth/conversations", "{}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).path("message").asText()).contains("interval");
    assertThatThrownBy(() -> emulator.groundTruthConversationIds("not json"))
        .isInstanceOf(ApiError.class);
  }

  @Test
  void statsCountRequestsByEndpointAndStatusAndLeaveIntrospectionOut() {
    http.get("/api/v2/analytics/conversations/details/jobs/availability");
    http.get("/api/v2/analytics/conversations/details/jobs/availability");
    http.get("/api/v2/analytics/conversations/details/jobs/nope");
    http.get("/nowhere");

    JsonNode stats = json(http.send(http.request("/emulator/stats").GET()));

    assertThat(stats.path("requests").path("token").path("200").asLong()).isEqualTo(1);
    assertThat(stats.path("requests").path("availability").path("200").asLong()).isEqualTo(2);
    assertThat(stats.path("requests").path("status").path("404").asLong()).isEqualTo(1);
    assertThat(stats.path("requests").path("other").path("404").asLong()).isEqualTo(1);
    assertThat(emulator.requestCounts().total(Endpoint.OTHER)).isEqualTo(1);
  }

  @Test
  void jobsListWhoSubmittedEachJobAndEveryRequestAboutIt() {
    emulator.close();
    emulator =
        TestEmulators.start(
            clock, b -> b.client("node-a", "secret-a").client("node-b", "secret-b"));
    http = new EmulatorHttp(emulator);
    String a = "Bearer " + http.tokenFor("node-a", "secret-a");
    String b = "Bearer " + http.tokenFor("node-b", "secret-b");
    String jobs = "/api/v2/analytics/conversations/details/jobs";
    String jobId =
        json(http.send(
                http.request(jobs)
                    .header("Authorization", a)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestEmulators.DAY_QUERY))))
            .path("jobId")
            .asText();
    Instant submitted = clock.instant();
    Instant before = Instant.now();
    http.send(http.request(jobs + "/" + jobId).header("Authorization", b).GET());
    http.send(http.request(jobs + "/" + jobId).GET()); // no token: 401, about the job all the same
    http.send(http.request(jobs + "/nope").header("Authorization", b).GET()); // no such job
    clock.advance(TestEmulators.jobDuration(1_000));
    String cursor =
        json(http.send(
                http.request(jobs + "/" + jobId + "/results?pageSize=5")
                    .header("Authorization", a)
                    .GET()))
            .path("cursor")
            .asText();
    http.send(
        http.request(jobs + "/" + jobId + "/results?pageSize=5&cursor=" + cursor)
            .header("Authorization", b)
            .GET());
    // The JDK client silently retries an idempotent GET once on a dead connection: reset both.
    emulator.faults().add("results@1,2=reset");
    assertThatThrownBy(
            () ->
                http.sendOrThrow(
                    http.request(jobs + "/" + jobId + "/results?pageSize=5&cursor=" + cursor)
                        .header("Authorization", a)
                        .GET()))
        .isInstanceOf(IOException.class);

    // The emulator logs a reset request after breaking the connection: it may come a moment late.
    JsonNode listed =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> json(http.send(http.request("/emulator/jobs").GET())),
                body -> body.path("jobs").path(0).path("requests").size() >= 5);
    Instant after = Instant.now();

    assertThat(listed.path("jobs")).hasSize(1);
    JsonNode job = listed.path("jobs").path(0);
    assertThat(job.path("id").asText()).isEqualTo(jobId);
    assertThat(job.path("kind").asText()).isEqualTo("conversations");
    assertThat(job.path("clientId").asText()).isEqualTo("node-a");
    assertThat(job.path("interval").asText())
        .isEqualTo("2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z");
    assertThat(Instant.parse(job.path("submittedAt").asText())).isEqualTo(submitted);
    assertThat(job.path("records").asInt())
        .isEqualTo(emulator.groundTruthConversationIds(TestEmulators.DAY_QUERY).size());
    List<String> requests = new ArrayList<>();
    Instant previousEnd = before;
    for (JsonNode r : job.path("requests")) {
      requests.add(
          r.path("endpoint").asText()
              + " "
              + r.path("clientId").asText("-")
              + " "
              + r.path("cursor").asText("none")
              + " "
              + r.path("status").asInt());
      // By the wall clock, not the emulated one that the test holds still.
      Instant started = Instant.parse(r.path("startedAt").asText());
      Instant ended = Instant.parse(r.path("endedAt").asText());
      assertThat(started).isBetween(before, ended);
      assertThat(ended).isBeforeOrEqualTo(after);
      if (requests.size() <= 4) { // sent one after the other (a retried reset may overlap)
        assertThat(started).isAfterOrEqualTo(previousEnd);
        previousEnd = ended;
      }
    }
    assertThat(requests)
        .startsWith(
            "status node-b none 200",
            "status - none 401",
            "results node-a none 200",
            "results node-b " + cursor + " 200")
        .hasSizeBetween(5, 6); // one reset, or two when the JDK client retried
    assertThat(requests.subList(4, requests.size()))
        .as("injected connection resets")
        .containsOnly("results node-a " + cursor + " 0");
  }
}
