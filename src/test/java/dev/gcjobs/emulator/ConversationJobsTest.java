package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
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
class ConversationJobsTest {
  private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";

  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator =
        TestEmulators.start(clock, b -> b.maxPageSize(50).resultRetention(Duration.ofMinutes(30)));
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private String submit(String query) {
    HttpResponse<String> answer = http.post(JOBS, query);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer).path("jobId").asText();
  }

  private JsonNode status(String jobId) {
    HttpResponse<String> answer = http.get(JOBS + "/" + jobId);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer);
  }

  @Test
  void aJobIsQueuedThenPendingThenFulfilledAsTheClockMoves() {
    int records = emulator.groundTruthConversationIds(TestEmulators.DAY_QUERY).size();
    Duration duration = TestEmulators.jobDuration(records);
    String jobId = submit(TestEmulators.DAY_QUERY);

    JsonNode queued = status(jobId);
    assertThat(queued.path("state").asText()).isEqualTo("QUEUED");
    assertThat(queued.path("submissionDate").asText()).isEqualTo("2024-05-02T00:00:00.000Z");
    assertThat(queued.has("completionDate")).isFalse();
    assertThat(queued.has("expirationDate")).isFalse();

    clock.advance(TestEmulators.JOB_BASE_DELAY.dividedBy(2)); // QUEUED for half the base delay
    assertThat(status(jobId).path("state").asText()).isEqualTo("PENDING");

    clock.advance(duration.minus(TestEmulators.JOB_BASE_DELAY.dividedBy(2)).minusMillis(1));
    assertThat(status(jobId).path("state").asText()).isEqualTo("PENDING");

    clock.advance(Duration.ofMillis(1));
    JsonNode done = status(jobId);
    assertThat(done.path("state").asText()).isEqualTo("FULFILLED");
    assertThat(Instant.parse(done.path("completionDate").asText()))
        .isEqualTo(TestEmulators.NOW.plus(duration));
    assertThat(Instant.parse(done.path("expirationDate").asText()))
        .isEqualTo(TestEmulators.NOW.plus(duration).plus(Duration.ofMinutes(30)));
  }

  @Test
  void aJobMatchingMoreRecordsTakesLonger() {
    String hour = "{\"interval\":\"2024-05-01T10:00:00Z/2024-05-01T11:00:00Z\"}";
    int fewer = emulator.groundTruthConversationIds(hour).size();
    assertThat(fewer)
        .isLessThan(emulator.groundTruthConversationIds(TestEmulators.DAY_QUERY).size());
    String small = submit(hour);
    String large = submit(TestEmulators.DAY_QUERY);

    clock.advance(TestEmulators.jobDuration(fewer));

    assertThat(status(small).path("state").asText()).isEqualTo("FULFILLED");
    assertThat(status(large).path("state").asText()).isEqualTo("PENDING");
  }

  @Test
  void resultsAskedBeforeFulfilledAreNotFoundAndSaySo() {
    String jobId = submit(TestEmulators.DAY_QUERY);

    HttpResponse<String> early = http.get(JOBS + "/" + jobId + "/results");

    assertThat(early.statusCode()).isEqualTo(404);
    assertThat(json(early).path("code").asText()).isEqualTo("not.found");
    assertThat(json(early).path("message").asText()).contains("QUEUED", "FULFILLED");
  }

  @Test
  void resultsComeInCursorPagesWhoseLastHasNoCursorAndTheyHoldExactlyTheGroundTruth() {
    String jobId = submit(TestEmulators.DAY_QUERY);
    clock.advance(Duration.ofMinutes(1));

    List<String> ids = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          JOBS + "/" + jobId + "/results?pageSize=40" + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<String> page = http.get(path);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonNode body = json(page);
      assertThat(body.path("dataAvailabilityDate").asText()).isEqualTo("2024-05-02T00:00:00.000Z");
      body.path("conversations").forEach(c -> ids.add(c.path("conversationId").asText()));
      sizes.add(body.path("conversations").size());
      cursor = body.hasNonNull("cursor") ? body.path("cursor").asText() : null;
    } while (cursor != null);

    List<String> truth = emulator.groundTruthConversationIds(TestEmulators.DAY_QUERY);
    assertThat(truth).hasSizeGreaterThan(120);
    assertThat(ids).containsExactlyElementsOf(truth);
    assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(size -> size == 40);
    assertThat(sizes.get(sizes.size() - 1)).isBetween(1, 40);
  }

  @Test
  void aPageSizeOverTheMaximumIsClampedToIt() {
    String jobId = submit(TestEmulators.DAY_QUERY);
    clock.advance(Duration.ofMinutes(1));

    JsonNode page = json(http.get(JOBS + "/" + jobId + "/results?pageSize=5000"));

    assertThat(page.path("conversations").size()).isEqualTo(50);
    assertThat(page.hasNonNull("cursor")).isTrue();
  }

  @Test
  void aPageSizeBelowOneOrNotANumberIsABadRequest() {
    String jobId = submit(TestEmulators.DAY_QUERY);
    clock.advance(Duration.ofMinutes(1));

    for (String size : List.of("0", "-3", "abc", "1.5")) {
      HttpResponse<String> answer = http.get(JOBS + "/" + jobId + "/results?pageSize=" + size);
      assertThat(answer.statusCode()).as(size).isEqualTo(400);
      assertThat(json(answer).path("code").asText()).isEqualTo("bad.request");
      assertThat(json(answer).path("message").asText()).contains("pageSize");
    }
  }

  @Test
  void anEmptyResultIsOnePageWithoutConversationsOrCursor() {
    String jobId = submit("{\"interval\":\"2019-01-01T00:00:00Z/2019-01-02T00:00:00Z\"}");
    clock.advance(Duration.ofMinutes(1));

    JsonNode page = json(http.get(JOBS + "/" + jobId + "/results"));

    assertThat(page.has("conversations")).isFalse();
    assertThat(page.has("cursor")).isFalse();
    assertThat(page.path("dataAvailabilityDate").asText()).isNotEmpty();
  }

  @Test
  void aForgedOrForeignCursorIsABadRequest() {
    String first = submit(TestEmulators.DAY_QUERY);
    String second = submit(TestEmulators.DAY_QUERY);
    clock.advance(Duration.ofMinutes(1));
    String cursorOfFirst =
        json(http.get(JOBS + "/" + first + "/results?pageSize=10")).path("cursor").asText();

    HttpResponse<String> foreign =
        http.get(JOBS + "/" + second + "/results?cursor=" + cursorOfFirst);
    // Change the first character, whose bits all count: the last one may hold only padding bits,
    // which the decoder ignores, so changing it left the cursor valid about one time in four.
    char head = cursorOfFirst.charAt(0);
    String forgedCursor = (head == 'A' ? 'B' : 'A') + cursorOfFirst.substring(1);
    HttpResponse<String> forged = http.get(JOBS + "/" + first + "/results?cursor=" + forgedCursor);
    HttpResponse<String> garbage = http.get(JOBS + "/" + first + "/results?cursor=%25%25%25");

    for (HttpResponse<String> answer : List.of(foreign, forged, garbage)) {
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(json(answer).path("message").asText()).contains("cursor");
    }
    assertThat(json(foreign).path("message").asText()).contains("another job");
  }

  @Test
  void aCancelledJobIsCancelledAndHasNoResults() {
    String jobId = submit(TestEmulators.DAY_QUERY);
    clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> cancel = http.delete(JOBS + "/" + jobId);

    assertThat(cancel.statusCode()).isEqualTo(204);
    assertThat(cancel.body()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    JsonNode status = status(jobId);
    assertThat(status.path("state").asText()).isEqualTo("CANCELLED");
    assertThat(status.path("completionDate").asText()).isEqualTo("2024-05-02T00:00:01.000Z");
    assertThat(http.get(JOBS + "/" + jobId + "/results").statusCode()).isEqualTo(404);
    assertThat(http.delete(JOBS + "/" + jobId).statusCode()).isEqualTo(204);
  }

  @Test
  void aJobExpiresAfterTheRetentionAndItsResultsAreGone() {
    String jobId = submit(TestEmulators.DAY_QUERY);
    clock.advance(Duration.ofMinutes(1));
    assertThat(http.get(JOBS + "/" + jobId + "/results").statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(30));

    assertThat(status(jobId).path("state").asText()).isEqualTo("EXPIRED");
    HttpResponse<String> gone = http.get(JOBS + "/" + jobId + "/results");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).path("message").asText()).contains("EXPIRED");
  }

  @Test
  void anUnknownJobIdIsNotFoundEverywhere() {
    String path = JOBS + "/6d7f4b8e-0000-4000-8000-000000000000";
    for (HttpResponse<String> answer :
        List.of(http.get(path), http.get(path + "/results"), http.delete(path))) {
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(json(answer).path("code").asText()).isEqualTo("not.found");
      assertThat(json(answer).path("message").asText())
          .contains("6d7f4b8e-0000-4000-8000-000000000000");
    }
  }

  @Test
  void aConversationJobIsUnknownUnderTheUserDetailsPath() {
    String jobId = submit(TestEmulators.DAY_QUERY);

    assertThat(http.get("/api/v2/analytics/users/details/jobs/" + jobId).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aFractionOfJobsEndFailedWithAnErrorMessage() {
    emulator.faults().failedJobFraction(1.0);
    String jobId = submit(TestEmulators.DAY_QUERY);
    clock.advance(Duration.ofMinutes(1));

    JsonNode status = status(jobId);

    assertThat(status.path("state").asText()).isEqualTo("FAILED");
    assertThat(status.path("errorMessage").asText()).isEqualTo(Faults.FAILED_JOB_MESSAGE);
    assertThat(status.path("completionDate").asText()).isNotEmpty();
    assertThat(http.get(JOBS + "/" + jobId + "/results").statusCode()).isEqualTo(404);
  }

  @Test
  void availabilityReportsTheDataLakeDate() {
    HttpResponse<String> answer = http.get(JOBS + "/availability");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json(answer).path("dataAvailabilityDate").asText())
        .isEqualTo("2024-05-02T00:00:00.000Z");
  }
}
