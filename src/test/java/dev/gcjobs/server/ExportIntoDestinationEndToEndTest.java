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
import dev.gcjobs.sync.ExportLoads;
import dev.gcjobs.sync.SyncDestinations;
import dev.gcjobs.tables.DuckDbQuery;
import dev.gcjobs.tables.TableTarget;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
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
 * Exports over real HTTP that end in a table destination the service names: the engine, store and
 * DuckDB destinations are real, Genesys is the in-process emulator.
 */
@Tag("emulator")
@Timeout(180)
class ExportIntoDestinationEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "export-dest-e2e-key-0123456789";
  private static final Instant NOW = Instant.parse("2024-06-10T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String BODY =
      "{\"interval\": \"2024-06-08/2024-06-09\", \"destination\": \"warehouse\"}";

  @TempDir Path dir;
  Emulator emulator;
  Database db;
  Engine engine;
  SyncDestinations destinations;
  ExportLoads loads;
  ServiceApp app;
  TestClient http;
  Path warehouse;
  Path blocker;

  @BeforeEach
  void start() throws IOException {
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
    Clock clock = emulator.clock();
    engine =
        new Engine(
            db,
            client.analyticsJobs(),
            "export-dest-e2e",
            new EngineSettings(state, 4, fast, 5),
            clock);
    engine.start();
    warehouse = dir.resolve("warehouse.duckdb");
    // A file where the "unreachable" destination's directory should be: DuckDB cannot create it.
    blocker = Files.writeString(dir.resolve("blocked"), "not a directory");
    destinations =
        new SyncDestinations(
            List.of(
                destination("warehouse", warehouse.toString()),
                destination("mart", dir.resolve("mart.duckdb").toString()),
                destination("unreachable", blocker.resolve("tables.duckdb").toString())));
    loads = new ExportLoads(db.exportLoads(), engine.exports(), destinations, clock).start();
    app =
        ServiceApp.create(
                engine.exports(),
                null,
                loads,
                HealthChecks.alwaysReady(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                ServerSettings.builder(state).port(0).apiKeys(EnvApiKeys.parse(KEY)).build())
            .start();
    http = new TestClient(app.baseUrl(), KEY);
  }

  private static SyncDestinations.Destination destination(String name, String spec) {
    TableTarget target = TableTarget.parse(spec, null, Map.of());
    return new SyncDestinations.Destination(name, target.toString(), target);
  }

  @AfterEach
  void stop() {
    app.close();
    loads.close();
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

  private String submit(String body) {
    HttpResponse<String> submitted = http.post("/v1/exports", body);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    return json(submitted).get("id").asText();
  }

  private JsonNode show(String id) {
    HttpResponse<String> response = http.get("/v1/exports/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private JsonNode loaded(String id) {
    await().atMost(WAIT).until(() -> !show(id).at("/destination/state").asText().equals("PENDING"));
    return show(id).get("destination");
  }

  private List<String> exportedIds(String id) throws IOException {
    Path output = engine.exports().output(id).orElseThrow();
    return Files.readAllLines(output).stream()
        .map(line -> readTree(line).get("conversationId").asText())
        .sorted()
        .toList();
  }

  private static JsonNode readTree(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> loadedIds(Path file) {
    List<String> ids = new java.util.ArrayList<>();
    DuckDbQuery.run(
        file,
        "SELECT conversation_id FROM conversations ORDER BY 1",
        new DuckDbQuery.Answer() {
          @Override
          public void columns(List<String> names) {}

          @Override
          public boolean row(List<Object> values) {
            return ids.add(values.get(0).toString());
          }
        });
    return ids;
  }

  @Test
  void anExportIntoANamedDestinationEndsWithItsRecordsInTheTables() throws IOException {
    String id = submit(BODY);

    JsonNode destination = loaded(id);

    assertThat(destination.get("name").asText()).isEqualTo("warehouse");
    assertThat(destination.get("state").asText()).as(destination.toString()).isEqualTo("DONE");
    assertThat(destination.get("error").isNull()).isTrue();
    List<String> exported = exportedIds(id);
    assertThat(exported).isNotEmpty();
    assertThat(destination.get("new").asLong()).isEqualTo(exported.size());
    assertThat(destination.get("changed").asLong()).isZero();
    assertThat(destination.get("unchanged").asLong()).isZero();
    assertThat(loadedIds(warehouse)).isEqualTo(exported);
    assertThat(show(id).get("state").asText()).isEqualTo("DONE");
    assertThat(show(id).toString()).doesNotContain(warehouse.toString());
    assertThat(json(http.get("/v1/exports")).at("/exports/0/destination/name").asText())
        .isEqualTo("warehouse");
  }

  @Test
  void theSameExportSubmittedAgainIsNotLoadedAgain() throws IOException {
    String id = submit(BODY);
    JsonNode first = loaded(id);
    FileTime written = Files.getLastModifiedTime(warehouse);

    assertThat(submit(BODY)).isEqualTo(id);
    assertThat(submit(BODY.replace(", \"destination\": \"warehouse\"", ""))).isEqualTo(id);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> show(id).get("destination").equals(first));
    assertThat(Files.getLastModifiedTime(warehouse)).isEqualTo(written);
  }

  @Test
  void theSameExportIntoAnotherDestinationIsA409NamingTheFirst() {
    String id = submit(BODY);

    HttpResponse<String> other = http.post("/v1/exports", BODY.replace("warehouse", "mart"));

    assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
    JsonNode error = json(other).get("error");
    assertThat(error.get("code").asText()).isEqualTo("destination_conflict");
    assertThat(error.get("message").asText()).contains(id).contains("warehouse");
    assertThat(loaded(id).get("name").asText()).isEqualTo("warehouse");
    assertThat(Files.exists(dir.resolve("mart.duckdb"))).isFalse();
  }

  @Test
  void anUnknownDestinationIsA400NamingTheConfiguredOnesAndStartsNoExport() {
    for (String name : List.of("lake", warehouse.toString(), "duckdb:" + warehouse)) {
      HttpResponse<String> response =
          http.post(
              "/v1/exports", BODY.replace("\"warehouse\"", JSON.valueToTree(name).toString()));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode error = json(response).get("error");
      assertThat(error.get("code").asText()).isEqualTo("invalid_request");
      assertThat(error.get("field").asText()).isEqualTo("destination");
      assertThat(error.get("message").asText()).contains("mart, unreachable, warehouse");
    }
    HttpResponse<String> notAName = http.post("/v1/exports", BODY.replace("\"warehouse\"", "3"));
    assertThat(notAName.statusCode()).isEqualTo(400);
    assertThat(json(notAName).at("/error/field").asText()).isEqualTo("destination");
    assertThat(json(http.get("/v1/exports")).get("exports")).isEmpty();
  }

  @Test
  void anExportWithoutADestinationShowsNone() {
    String id = submit("{\"interval\": \"2024-06-08/2024-06-09\"}");

    assertThat(show(id).get("destination").isNull()).isTrue();
  }

  @Test
  void aDestinationThatCannotBeWrittenKeepsTheLoadPendingWithWhyUntilItCan() throws IOException {
    String id = submit(BODY.replace("warehouse", "unreachable"));

    await().atMost(WAIT).until(() -> !show(id).at("/destination/error").isNull());
    JsonNode pending = show(id).get("destination");
    assertThat(pending.get("state").asText()).isEqualTo("PENDING");
    assertThat(pending.get("error").asText())
        .contains("unreachable")
        .doesNotContain(dir.toString());

    Files.delete(blocker);
    Files.createDirectory(blocker);

    JsonNode done = loaded(id);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
    assertThat(done.get("error").isNull()).isTrue();
    assertThat(loadedIds(blocker.resolve("tables.duckdb"))).isEqualTo(exportedIds(id));
  }

  @Test
  void aCancelledExportsLoadFailsSayingWhy() {
    String id = submit("{\"interval\": \"2024-05-01/2024-06-09\", \"destination\": \"warehouse\"}");

    assertThat(http.delete("/v1/exports/" + id).statusCode()).isEqualTo(200);

    JsonNode destination = loaded(id);
    assertThat(destination.get("state").asText()).isEqualTo("FAILED");
    assertThat(destination.get("error").asText()).contains("CANCELLED");
    assertThat(Files.exists(warehouse)).isFalse();
  }

  @Test
  void aLoadAskedBeforeARestartIsLoadedByTheNextStart() throws IOException {
    loads.close();
    String id = submit(BODY);
    await().atMost(WAIT).until(() -> show(id).get("state").asText().equals("DONE"));
    assertThat(show(id).at("/destination/state").asText()).isEqualTo("PENDING");

    loads =
        new ExportLoads(db.exportLoads(), engine.exports(), destinations, emulator.clock()).start();

    assertThat(loaded(id).get("state").asText()).isEqualTo("DONE");
    assertThat(loadedIds(warehouse)).isEqualTo(exportedIds(id));
  }
}
