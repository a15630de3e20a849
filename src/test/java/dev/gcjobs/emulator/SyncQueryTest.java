package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("emulator")
class SyncQueryTest {
  private static final String QUERY = "/api/v2/analytics/conversations/details/query";
  private static final String INTERVAL =
      "\"interval\":\"2024-05-01T00:00:00Z/2024-05-02T00:00:00Z\"";

  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator = TestEmulators.start(clock, b -> b.syncTimeoutThreshold(100_000));
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void pagesOf25ByDefaultWithTotalHits() {
    HttpResponse<String> answer = http.post(QUERY, "{" + INTERVAL + "}");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = json(answer);
    assertThat(body.path("conversations").size()).isEqualTo(25);
    assertThat(body.path("totalHits").asInt())
        .isEqualTo(emulator.groundTruthConversationIds("{" + INTERVAL + "}").size());
    assertThat(answer.headers().firstValue("inin-ratelimit-allowed")).isPresent();
  }

  @Test
  void recordsCarryNoParticipantAttributesAsInGenesysWhileJobResultsDo() {
    JsonNode body = json(http.post(QUERY, "{" + INTERVAL + ",\"paging\":{\"pageSize\":100}}"));

    assertThat(body.path("conversations")).hasSize(100);
    assertThat(body.toString()).doesNotContain("\"attributes\"");
    assertThat(jobRecordsWithAttributes()).isPositive();
  }

  private long jobRecordsWithAttributes() {
    return EmulatorData.conversations(EmulatorData.org(42, TestEmulators.NOW), "{" + INTERVAL + "}")
        .stream()
        .filter(
            r ->
                new String(r.json(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("\"attributes\""))
        .count();
  }

  @Test
  void pageNumberAndPageSizeWalkThroughEveryMatch() {
    List<String> ids = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      JsonNode body =
          json(
              http.post(
                  QUERY,
                  "{" + INTERVAL + ",\"paging\":{\"pageSize\":100,\"pageNumber\":" + page + "}}"));
      body.path("conversations").forEach(c -> ids.add(c.path("conversationId").asText()));
    }

    assertThat(ids)
        .containsExactlyElementsOf(emulator.groundTruthConversationIds("{" + INTERVAL + "}"));
  }

  @Test
  void aPageWithNoMatchesLeavesConversationsOut() {
    JsonNode body =
        json(
            http.post(QUERY, "{" + INTERVAL + ",\"paging\":{\"pageSize\":100,\"pageNumber\":10}}"));

    assertThat(body.has("conversations")).isFalse();
    assertThat(body.path("totalHits").asInt()).isGreaterThan(100);
  }

  @Test
  void aPageSizeOver100IsABadRequest() {
    HttpResponse<String> answer =
        http.post(QUERY, "{" + INTERVAL + ",\"paging\":{\"pageSize\":101}}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).path("message").asText()).contains("paging.pageSize");
  }

  @Test
  void pagingBeyond100000ResultsIsRefused() {
    HttpResponse<String> answer =
        http.post(QUERY, "{" + INTERVAL + ",\"paging\":{\"pageSize\":100,\"pageNumber\":1001}}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).path("message").asText())
        .isEqualTo("Pagination may not exceed 100000 results");
  }

  @Test
  void pagingOfTheWrongTypeIsABadRequestNamingTheField() {
    HttpResponse<String> answer =
        http.post(QUERY, "{" + INTERVAL + ",\"paging\":{\"pageNumber\":\"two\"}}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).path("message").asText()).contains("paging.pageNumber");
  }

  @Test
  void aQueryMatchingMoreThanTheThresholdTimesOut() {
    emulator.close();
    emulator = TestEmulators.start(clock, b -> b.syncTimeoutThreshold(100));
    assertThat(emulator.groundTruthConversationIds("{" + INTERVAL + "}")).hasSizeGreaterThan(100);
    http = new EmulatorHttp(emulator);

    HttpResponse<String> answer = http.post(QUERY, "{" + INTERVAL + "}");

    assertThat(answer.statusCode()).isEqualTo(504);
    JsonNode body = json(answer);
    assertThat(body.path("code").asText()).isEqualTo("gateway.timeout");
    assertThat(body.path("status").asInt()).isEqualTo(504);
    assertThat(body.path("message").asText()).contains("[100]", "jobs");
  }
}
