package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP: after the clock moves past 72 hours, jobs return revised records and no deleted ones,
 * and the ground truth says so, as of any availability instant.
 */
@Tag("emulator")
class DataLakeOverHttpTest {
  private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";
  private static final String TRUTH = "/emulator/ground-truth/conversations";
  private static final String DAY = "{\"interval\":\"2024-05-30T00:00:00Z/2024-05-31T00:00:00Z\"}";
  private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");

  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .clock(TestClock.at(START))
                .now(START)
                .dataLag(Duration.ofHours(6))
                .conversationsPerDay(300)
                .users(5)
                .jobBaseDelay(Duration.ZERO)
                .jobPerRecordDelay(Duration.ZERO)
                .lakeChanges(new LakeChanges(0.2, 0.1, Duration.ofDays(3), Duration.ofDays(4)))
                .build());
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void afterSeventyTwoHoursJobsAndTheGroundTruthShowRevisionsAndDeletions() {
    Instant firstAvailability = emulator.dataAvailabilityDate();
    JsonNode truthBefore = truth("?view=versions");
    Map<String, JsonNode> before = runJob();

    emulator.advanceClock(Duration.ofDays(10));
    http = new EmulatorHttp(emulator); // the first token has expired
    Map<String, JsonNode> after = runJob();
    JsonNode truthAfter = truth("?view=versions");
    JsonNode truthThen = truth("?view=versions&asOf=" + encode(firstAvailability.toString()));

    assertThat(truthBefore.path("deletedCount").asInt()).isZero();
    assertThat(versions(truthBefore).values()).containsOnly(1);
    assertThat(truthThen.equals(truthBefore)).as("asOf gives back the past").isTrue();
    assertThat(truthThen.path("asOf").asText()).isEqualTo(WireJson.date(firstAvailability));

    Map<String, Integer> versions = versions(truthAfter);
    assertThat(after.keySet()).containsExactlyElementsOf(liveIds(truthAfter));
    assertThat(truthAfter.path("count").asInt()).isEqualTo(after.size());
    assertThat(truthAfter.path("deletedCount").asInt()).isPositive();
    assertThat(after.size() + truthAfter.path("deletedCount").asInt()).isEqualTo(before.size());
    for (JsonNode c : truthAfter.path("conversations")) {
      String id = c.path("conversationId").asText();
      if (c.path("deleted").asBoolean()) {
        assertThat(after).doesNotContainKey(id);
        assertThat(Instant.parse(c.path("deletedAt").asText())).isBefore(emulator.now());
      } else {
        boolean wasInProgress = !before.get(id).has("conversationEnd");
        assertThat(after.get(id).equals(before.get(id)))
            .as("%s changed exactly when revised or finished", id)
            .isEqualTo(versions.get(id) == 1 && !wasInProgress);
        assertThat(c.path("hash").asText()).isEqualTo(sha256(after.get(id)));
      }
    }
    assertThat(versions.values()).contains(2);
  }

  @Test
  void badAsOfAndViewAreRefusedNamingThem() {
    HttpResponse<String> malformed = post(TRUTH + "?asOf=yesterday");
    HttpResponse<String> future = post(TRUTH + "?asOf=2030-01-01T00:00:00Z");
    HttpResponse<String> view = post(TRUTH + "?view=everything");
    HttpResponse<String> userView = post("/emulator/ground-truth/users?view=versions");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).path("message").asText()).contains("asOf");
    assertThat(json(future).path("message").asText()).contains("asOf", "future");
    assertThat(view.statusCode()).isEqualTo(400);
    assertThat(json(view).path("message").asText()).contains("view");
    assertThat(userView.statusCode()).isEqualTo(400);
  }

  private Map<String, JsonNode> runJob() {
    String jobId = json(http.post(JOBS, DAY)).path("jobId").asText();
    emulator.advanceClock(Duration.ofSeconds(1));
    Map<String, JsonNode> records = new LinkedHashMap<>();
    String cursor = "";
    do {
      HttpResponse<String> page =
          http.get(JOBS + "/" + jobId + "/results?pageSize=200&cursor=" + encode(cursor));
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonNode body = json(page);
      body.path("conversations").forEach(c -> records.put(c.path("conversationId").asText(), c));
      cursor = body.path("cursor").asText("");
    } while (!cursor.isEmpty());
    return records;
  }

  private JsonNode truth(String params) {
    HttpResponse<String> answer = post(TRUTH + params);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer);
  }

  private HttpResponse<String> post(String path) {
    return http.send(
        http.request(path)
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(DAY)));
  }

  private static Map<String, Integer> versions(JsonNode truth) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    truth
        .path("conversations")
        .forEach(c -> versions.put(c.path("conversationId").asText(), c.path("version").asInt()));
    return versions;
  }

  private static List<String> liveIds(JsonNode truth) {
    List<String> ids = new ArrayList<>();
    for (JsonNode c : truth.path("conversations")) {
      if (!c.path("deleted").asBoolean()) {
        ids.add(c.path("conversationId").asText());
      }
    }
    return ids;
  }

  /** Compact JSON in the order served: the bytes the emulator hashed. */
  private static String sha256(JsonNode record) {
    try {
      byte[] bytes = WireJson.MAPPER.writeValueAsBytes(record);
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
