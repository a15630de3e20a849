package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.engine.ExportRequestJson;
import dev.gcjobs.engine.PollSchedule;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over the real engine, store and client, against the built-in emulator. */
@Tag("emulator")
class ServiceEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "e2e-key-0123456789";
  private static final PollSchedule FAST_POLLS =
      new PollSchedule(Duration.ofMillis(50), 1.5, Duration.ofMillis(400), 0.1);
  private static final String BODY =
      "{\"interval\": \"2024-05-01/2024-05-03\", \"filters\": [\"mediaType=voice\"],"
          + " \"options\": {\"chunk\": \"P1D\"}}";

  @TempDir Path dir;
  Emulator emulator;
  GenesysClient client;
  Database db;
  Engine engine;
  ServiceApp app;
  TestClient http;

  @BeforeEach
  void start() {
    startEmulator(Duration.ofMillis(100));
    startService();
  }

  private void startEmulator(Duration jobDelay) {
    emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .conversationsPerDay(200)
                .dataNow(Instant.parse("2024-06-01T00:00:00Z"))
                .jobBaseDelay(jobDelay)
                .jobPerRecordDelay(Duration.ZERO)
                .requestsPerMinute(60_000)
                .build());
    client =
        GenesysClient.builder()
            .domain(emulator.baseUrl())
            .credentials(new Credentials(emulator.clientId(), emulator.clientSecret()))
            .requestsPerMinute(60_000)
            .build();
    db = Database.open(Database.h2FileUrl(dir.resolve("state")));
  }

  private void startService() {
    engine =
        new Engine(
            db,
            client.analyticsJobs(),
            "emulator-e2e",
            new EngineSettings(dir.resolve("state"), 4, FAST_POLLS, 5),
            Clock.systemUTC());
    engine.start();
    app =
        ServiceApp.create(
                engine.exports(),
                new HealthChecks(() -> true, () -> client.tokens().token() != null),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                ServerSettings.builder(dir.resolve("state"))
                    .port(0)
                    .apiKeys(EnvApiKeys.parse(KEY))
                    .build())
            .start();
    http = new TestClient(app.baseUrl(), KEY);
  }

  private void stopService() {
    app.close();
    engine.close();
  }

  @AfterEach
  void stop() {
    stopService();
    db.close();
    emulator.close();
  }

  private JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private JsonNode awaitFinal(String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !json(http.get("/v1/exports/" + id + "/summary")).get("running").asBoolean());
    try {
      return json(http.get("/v1/exports/" + id));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private List<String> groundTruth() {
    ExportRequest request =
        ExportRequestJson.read(BODY.getBytes(StandardCharsets.UTF_8)).output("-").build();
    return emulator.groundTruthConversationIds(request.jobBody(request.interval()));
  }

  private List<String> pagedConversationIds(String id) throws IOException {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          json(
              http.get(
                  "/v1/exports/"
                      + id
                      + "/records?limit=37"
                      + (cursor == null ? "" : "&cursor=" + cursor)));
      page.get("records").forEach(r -> ids.add(r.get("conversationId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return ids;
  }

  @Test
  void anIntervalPastGenesysDataAvailabilityIsRefusedUnlessAllowedThenSaysItIsIncomplete()
      throws IOException {
    // The emulator's data ends at 2024-06-01T00:00Z, its availability.
    String past = "{\"kind\": \"conversations\", \"interval\": \"2024-05-31/2024-06-02\"}";
    String allowed =
        "{\"kind\": \"conversations\", \"interval\": \"2024-05-31/2024-06-02\","
            + " \"allowIncomplete\": true}";

    HttpResponse<String> refused = http.post("/v1/exports", past);
    HttpResponse<String> submitted = http.post("/v1/exports", allowed);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json(refused).at("/error/field").asText()).isEqualTo("interval");
    assertThat(json(refused).at("/error/code").asText()).isEqualTo("interval_past_availability");
    assertThat(json(refused).at("/error/message").asText())
        .contains("2024-06-01T00:00:00Z", "allowIncomplete");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    String id = json(submitted).get("id").asText();
    JsonNode done = awaitFinal(id);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
    assertThat(done.get("complete").asBoolean()).isFalse();
    assertThat(done.get("completeUntil").asText()).isEqualTo("2024-06-01T00:00:00Z");
    JsonNode summary = json(http.get("/v1/exports/" + id + "/summary"));
    assertThat(summary.get("complete").asBoolean()).isFalse();
    assertThat(summary.get("completeUntil").asText()).isEqualTo("2024-06-01T00:00:00Z");
    String upToAvailable = "{\"kind\": \"conversations\", \"interval\": \"2024-05-31/available\"}";
    HttpResponse<String> capped = http.post("/v1/exports", upToAvailable);
    assertThat(capped.statusCode()).as(capped.body()).isEqualTo(202);
    JsonNode cappedDone = awaitFinal(json(capped).get("id").asText());
    assertThat(cappedDone.get("interval").asText())
        .isEqualTo("2024-05-31T00:00:00.000Z/2024-06-01T00:00:00.000Z");
    assertThat(cappedDone.get("complete").asBoolean()).isTrue();
  }

  @Test
  void anExportSubmittedOverHttpEndsDoneWithEveryRecordGenesysHolds() throws IOException {
    HttpResponse<String> submitted = http.post("/v1/exports", BODY, "Idempotency-Key", "flow-1");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    String id = json(submitted).get("id").asText();
    assertThat(json(http.post("/v1/exports", BODY, "Idempotency-Key", "flow-1")).get("id").asText())
        .isEqualTo(id);

    JsonNode done = awaitFinal(id);

    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
    assertThat(done.at("/progress/chunksDone").asInt()).isEqualTo(2);
    List<String> expected = groundTruth();
    assertThat(expected).isNotEmpty();
    List<String> paged = pagedConversationIds(id);
    assertThat(paged).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(done.at("/progress/records").asLong()).isEqualTo(expected.size());

    HttpResponse<byte[]> download =
        http.getBytes("/v1/exports/" + id + "/download", "Accept-Encoding", "gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(download.body()))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text.lines().map(l -> l.substring(0, Math.min(l.length(), 1))))
          .hasSize(expected.size())
          .allMatch("{"::equals);
    }
  }

  @Test
  void theDataActionsDriveARealExportToTheEnd() throws Exception {
    DataActionRunner actions = new DataActionRunner(app.baseUrl(), KEY);
    JsonNode submitted =
        actions.run(
            "gcjobs-submit-export.json",
            Map.of(
                "kind", "conversations",
                "interval", "2024-05-01/2024-05-03",
                "filters", List.of("mediaType=voice"),
                "idempotencyKey", "conversation-77"));
    String id = submitted.get("id").asText();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                actions
                    .run("gcjobs-export-status.json", Map.of("exportId", id))
                    .get("done")
                    .asBoolean());
    JsonNode status = actions.run("gcjobs-export-status.json", Map.of("exportId", id));

    assertThat(status.get("records").asLong()).isEqualTo(groundTruth().size());
    assertThat(status.get("percentDone").asInt()).isEqualTo(100);
    assertThat(status.get("errorCode").asText()).isEmpty();
  }

  @Test
  void afterAStopAndARestartTheExportContinuesToTheEnd() throws IOException {
    stopService();
    emulator.close();
    db.close();
    // Jobs slow enough that the stop comes while they run.
    startEmulator(Duration.ofMillis(1500));
    startService();
    String id = json(http.post("/v1/exports", BODY)).get("id").asText();
    // Both chunks have their Genesys job when the service stops.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> emulator.requestCounts().count(Endpoint.SUBMIT, 202) == 2);

    stopService();
    startService();
    JsonNode done = awaitFinal(id);

    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
    assertThat(pagedConversationIds(id)).containsExactlyInAnyOrderElementsOf(groundTruth());
    // The restarted engine went on with the same jobs instead of submitting new ones.
    assertThat(emulator.requestCounts().count(Endpoint.SUBMIT, 202)).isEqualTo(2);
  }
}
