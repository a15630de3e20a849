package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.PollSchedule;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import dev.gcjobs.sync.SyncDestinations;
import dev.gcjobs.sync.SyncScheduler;
import dev.gcjobs.sync.Syncs;
import dev.gcjobs.tables.TableTarget;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs defined over real HTTP and run by the service's scheduler: the engine, store and DuckDB
 * destination are real, Genesys is the in-process emulator, whose clock the syncs share.
 */
@Tag("emulator")
@Timeout(180)
class SyncServiceEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sync-e2e-key-0123456789";
  private static final Instant NOW = Instant.parse("2024-06-10T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String BODY =
      "{\"destination\": \"warehouse\", \"since\": \"2024-06-08\", \"every\": \"1h\","
          + " \"filters\": [\"mediaType=voice\"]}";

  @TempDir Path dir;
  Emulator emulator;
  Database db;
  Engine engine;
  SyncScheduler scheduler;
  ServiceApp app;
  TestClient http;
  Path duckDb;

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .now(NOW)
                .dataLag(Duration.ofHours(6))
                .conversationsPerDay(200)
                .jobBaseDelay(Duration.ofMillis(100))
                .jobPerRecordDelay(Duration.ZERO)
                .requestsPerMinute(60_000)
                .build());
    GenesysClient client =
        GenesysClient.builder()
            .domain(emulator.baseUrl())
            .credentials(new Credentials(emulator.clientId(), emulator.clientSecret()))
            .requestsPerMinute(60_000)
            .build();
    Path state = dir.resolve("state");
    db = Database.open(Database.h2FileUrl(state));
    PollSchedule fast = new PollSchedule(Duration.ofMillis(50), 1.5, Duration.ofMillis(400), 0.1);
    engine =
        new Engine(
            db,
            client.analyticsJobs(),
            "sync-e2e",
            new EngineSettings(state, 4, fast, 5),
            emulator.clock());
    engine.start();
    duckDb = dir.resolve("copy.duckdb");
    TableTarget target = TableTarget.parse(duckDb.toString(), null, Map.of());
    SyncDestinations destinations =
        new SyncDestinations(
            List.of(new SyncDestinations.Destination("warehouse", target.toString(), target)));
    Syncs syncs =
        new Syncs(
            db.syncs(),
            engine.exports(),
            destinations::target,
            state.resolve("syncs"),
            emulator.clock(),
            () -> 0,
            "e2e-node");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    scheduler = new SyncScheduler(syncs, destinations, registry, emulator.clock(), 2).start();
    app =
        ServiceApp.create(
                engine.exports(),
                scheduler,
                HealthChecks.alwaysReady(),
                registry,
                ServerSettings.builder(state).port(0).apiKeys(EnvApiKeys.parse(KEY)).build())
            .start();
    http = new TestClient(app.baseUrl(), KEY);
  }

  @AfterEach
  void stop() {
    app.close();
    scheduler.close();
    engine.close();
    db.close();
    emulator.close();
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode show(String id) {
    HttpResponse<String> response = http.get("/v1/syncs/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private String define() {
    HttpResponse<String> defined = http.post("/v1/syncs", BODY);
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    return json(defined).get("id").asText();
  }

  @Test
  void aDefinedSyncRunsItsCyclesPausesResumesReconcilesAndIsDeletedWithItsTablesKept() {
    HttpResponse<String> defined = http.post("/v1/syncs", BODY);

    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    JsonNode sync = json(defined);
    String id = sync.get("id").asText();
    assertThat(defined.headers().firstValue("Location")).hasValue("/v1/syncs/" + id);
    assertThat(sync.at("/definition/destination").asText()).isEqualTo("warehouse");
    assertThat(sync.at("/definition/every").asText()).isEqualTo("PT1H");
    assertThat(defined.body()).doesNotContain(duckDb.toString());

    // The scheduler runs the first cycle on its own.
    await().atMost(WAIT).until(() -> show(id).get("cycles").size() == 1);
    JsonNode first = show(id);
    JsonNode cycle = first.at("/cycles/0");
    assertThat(cycle.get("succeeded").asBoolean()).as(cycle.toString()).isTrue();
    assertThat(cycle.get("reconcile").asBoolean()).isTrue();
    assertThat(cycle.get("new").asLong()).isPositive();
    assertThat(first.get("watermark").asText()).isEqualTo(cycle.get("watermarkAfter").asText());
    assertThat(first.get("lagSeconds").isIntegralNumber()).isTrue();
    assertThat(Files.exists(duckDb)).isTrue();

    // The same definition again is the same sync.
    HttpResponse<String> again = http.post("/v1/syncs", BODY);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(json(again).get("id").asText()).isEqualTo(id);

    // Paused, it holds back the cycle that is now due.
    JsonNode paused = json(http.post("/v1/syncs/" + id + "/pause", ""));
    assertThat(paused.get("paused").asBoolean()).isTrue();
    emulator.advanceClock(Duration.ofHours(2));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> show(id).get("cycles").size() == 1 && show(id).get("running").isNull());

    JsonNode resumed = json(http.post("/v1/syncs/" + id + "/resume", ""));
    assertThat(resumed.get("paused").asBoolean()).isFalse();
    await().atMost(WAIT).until(() -> show(id).get("cycles").size() == 2);
    JsonNode second = show(id).at("/cycles/0");
    assertThat(second.get("succeeded").asBoolean()).as(second.toString()).isTrue();
    assertThat(second.get("reconcile").asBoolean()).isFalse();

    // A reconcile asked for runs next, without waiting for the cadence.
    HttpResponse<String> reconcile = http.post("/v1/syncs/" + id + "/reconcile", "");
    assertThat(reconcile.statusCode()).as(reconcile.body()).isEqualTo(202);
    await().atMost(WAIT).until(() -> show(id).get("cycles").size() == 3);
    JsonNode third = show(id).at("/cycles/0");
    assertThat(third.get("reconcile").asBoolean()).as(third.toString()).isTrue();
    assertThat(third.get("succeeded").asBoolean()).isTrue();

    assertThat(json(http.get("/v1/syncs")).get("syncs"))
        .extracting(s -> s.get("id").asText())
        .containsExactly(id);

    HttpResponse<String> deleted = http.delete("/v1/syncs/" + id);
    assertThat(deleted.statusCode()).isEqualTo(204);
    HttpResponse<String> gone = http.get("/v1/syncs/" + id);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).at("/error/code").asText()).isEqualTo("sync_not_found");
    assertThat(Files.exists(duckDb)).isTrue();
  }

  @Test
  void aCycleShowsInTheMetricsTaggedWithTheSync() {
    String id = define();

    await().atMost(WAIT).until(() -> show(id).get("cycles").size() == 1);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(http.get("/metrics").body())
                    .contains("gcjobs_sync_lag_seconds{sync=\"" + id + "\"}")
                    .contains("gcjobs_sync_cycle_duration_seconds_count{sync=\"" + id + "\"} 1")
                    .contains("gcjobs_sync_records_total{change=\"new\",sync=\"" + id + "\"}")
                    .contains("gcjobs_sync_records_total{change=\"deleted\",sync=\"" + id + "\"}"));
  }

  @Test
  void anUnknownDestinationNameIsA400NamingTheConfiguredOnes() {
    HttpResponse<String> response =
        http.post("/v1/syncs", "{\"destination\": \"lake\", \"since\": \"2024-06-08\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_request");
    assertThat(error.get("field").asText()).isEqualTo("destination");
    assertThat(error.get("message").asText()).contains("\"lake\"").contains("warehouse");
  }

  @Test
  void aPathAsDestinationIsRefusedLikeAnyUnknownName() {
    HttpResponse<String> response =
        http.post("/v1/syncs", "{\"destination\": \"" + duckDb + "\", \"since\": \"2024-06-08\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/field").asText()).isEqualTo("destination");
  }

  @Test
  void aSecondSyncOfTheSameKindIntoTheSameDestinationIsA409NamingTheFirst() {
    String id = define();

    HttpResponse<String> other =
        http.post(
            "/v1/syncs",
            "{\"destination\": \"warehouse\", \"since\": \"2024-06-01\", \"id\": \"other\"}");

    assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
    JsonNode error = json(other).get("error");
    assertThat(error.get("code").asText()).isEqualTo("sync_conflict");
    assertThat(error.get("message").asText())
        .contains("sync " + id + " already copies conversations into warehouse")
        .contains("this one starts from 2024-06-01T00:00:00Z");
    assertThat(error.get("message").asText()).doesNotContain(duckDb.toString());
    assertThat(http.get("/v1/syncs/other").statusCode()).isEqualTo(404);
  }

  @Test
  void theSameSyncWithAnotherCadenceIsA409SayingItHasOtherSettings() {
    String id = define();

    HttpResponse<String> other = http.post("/v1/syncs", BODY.replace("\"1h\"", "\"2h\""));

    assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
    assertThat(json(other).at("/error/message").asText()).contains(id).contains("other settings");
  }

  @Test
  void badFieldsAre400sNamingThem() {
    Map<String, String> bodies =
        Map.of(
            "{\"destination\": \"warehouse\"}",
            "since",
            "{\"destination\": \"warehouse\", \"since\": \"yesterday\"}",
            "since",
            "{\"destination\": \"warehouse\", \"since\": \"2024-06-08\", \"every\": \"soon\"}",
            "every",
            "{\"destination\": \"warehouse\", \"since\": \"2024-06-08\", \"settle\": 3}",
            "settle",
            "{\"destination\": \"warehouse\", \"since\": \"2024-06-08\", \"kind\": \"calls\"}",
            "kind",
            "{\"destination\": \"warehouse\", \"since\": \"2024-06-08\", \"filters\": [\"x\"]}",
            "filters[0]",
            "{\"destination\": \"warehouse\", \"since\": \"2024-06-08\", \"evry\": \"1h\"}",
            "evry",
            "{\"destination\": \"warehouse\", \"since\": \"2024-06-08\", \"reconcileEvery\":"
                + " \"0s\"}",
            "reconcileEvery",
            "[]",
            "body");

    bodies.forEach(
        (body, field) -> {
          HttpResponse<String> response = http.post("/v1/syncs", body);
          assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
          assertThat(json(response).at("/error/field").asText()).as(body).isEqualTo(field);
        });
  }

  @Test
  void unknownSyncIdsAre404s() {
    for (String path :
        List.of("/v1/syncs/nope", "/v1/syncs/nope/pause", "/v1/syncs/nope/reconcile")) {
      HttpResponse<String> response = path.endsWith("nope") ? http.get(path) : http.post(path, "");
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(json(response).at("/error/code").asText()).isEqualTo("sync_not_found");
    }
    assertThat(http.delete("/v1/syncs/nope").statusCode()).isEqualTo(404);
    assertThat(http.get("/v1/syncs/no%20pe").statusCode()).isEqualTo(404);
  }
}
