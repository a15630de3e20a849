package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
}
