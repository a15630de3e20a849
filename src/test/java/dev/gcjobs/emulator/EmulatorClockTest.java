package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Tests live days of Genesys time in seconds: the emulator's clock starts where told and moves. */
@Tag("emulator")
class EmulatorClockTest {
  private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
  private static final String DAY = "{\"interval\":\"2024-05-31T00:00:00Z/2024-06-01T12:00:00Z\"}";

  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .clock(TestClock.at(Instant.parse("2030-01-01T00:00:00Z")))
                .now(START)
                .dataLag(Duration.ofHours(6))
                .conversationsPerDay(200)
                .users(5)
                .build());
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> post(String path, String body) {
    return http.send(
        http.request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void theClockStartsWhereToldAndAdvancingItMovesTheDataLakeWithIt() {
    JsonNode before = json(http.get("/emulator/clock"));
    int seenBefore = emulator.groundTruthConversationIds(DAY).size();

    JsonNode after = json(post("/emulator/clock", "{\"advance\": \"PT6H\"}"));
    int seenAfter = emulator.groundTruthConversationIds(DAY).size();

    assertThat(before.path("now").asText()).isEqualTo("2024-06-01T00:00:00.000Z");
    assertThat(before.path("dataAvailabilityDate").asText()).isEqualTo("2024-05-31T18:00:00.000Z");
    assertThat(after.path("now").asText()).isEqualTo("2024-06-01T06:00:00.000Z");
    assertThat(after.path("dataAvailabilityDate").asText()).isEqualTo("2024-06-01T00:00:00.000Z");
    assertThat(seenAfter)
        .as("six more hours of conversations in the lake")
        .isGreaterThan(seenBefore);
  }

  @Test
  void theClockCanBeSetAndRefusesToGoBackOrToReadNonsense() {
    JsonNode set = json(post("/emulator/clock", "{\"now\": \"2024-07-01T00:00:00Z\"}"));

    assertThat(set.path("now").asText()).isEqualTo("2024-07-01T00:00:00.000Z");
    assertThat(post("/emulator/clock", "{\"advance\": \"-PT1H\"}").statusCode()).isEqualTo(400);
    assertThat(post("/emulator/clock", "{\"advance\": \"soon\"}").statusCode()).isEqualTo(400);
    assertThat(post("/emulator/clock", "{}").statusCode()).isEqualTo(400);
    assertThat(emulator.now()).isEqualTo(Instant.parse("2024-07-01T00:00:00Z"));
  }
}
