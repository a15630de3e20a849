package dev.gcjobs.engine;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * An engine wired to a real emulator over loopback HTTP, a real client and a real H2 (or
 * PostgreSQL) store, with timings shrunk so exports take about a second.
 */
final class ExportFixture implements AutoCloseable {
  static final Instant DATA_NOW = Instant.parse("2024-06-01T00:00:00Z");
  static final PollSchedule FAST_POLLS =
      new PollSchedule(Duration.ofMillis(50), 1.5, Duration.ofMillis(400), 0.1);
  private static final ObjectMapper JSON = new ObjectMapper();

  final Emulator emulator;
  final GenesysClient client;
  final Database db;
  final Path stateDir;
  final EngineSettings settings;
  Engine engine;

  ExportFixture(Path dir, EmulatorConfig.Builder emulatorConfig) {
    this(dir, emulatorConfig, null);
  }

  /** With {@code jdbcUrl} null, an H2 file database in {@code dir}. */
  ExportFixture(Path dir, EmulatorConfig.Builder emulatorConfig, String jdbcUrl) {
    this.emulator = Emulator.start(emulatorConfig.port(0).dataNow(DATA_NOW).build());
    this.client =
        GenesysClient.builder()
            .domain(emulator.baseUrl())
            .credentials(new Credentials(emulator.clientId(), emulator.clientSecret()))
            .requestsPerMinute(60_000)
            .build();
    this.stateDir = dir.resolve("state-" + UUID.randomUUID());
    this.db = Database.open(jdbcUrl != null ? jdbcUrl : Database.h2FileUrl(stateDir));
    this.settings = new EngineSettings(stateDir, 4, FAST_POLLS, 5);
    this.engine = newEngine();
  }

  /** Quick jobs over a small org: 300 conversations a day. */
  static EmulatorConfig.Builder quickEmulator() {
    return EmulatorConfig.builder()
        .conversationsPerDay(300)
        .jobBaseDelay(Duration.ofMillis(100))
        .jobPerRecordDelay(Duration.ZERO)
        .requestsPerMinute(60_000);
  }

  Engine newEngine() {
    return new Engine(db, client.analyticsJobs(), "emulator-test", settings, Clock.systemUTC());
  }

  /** Runs the export on started workers until it ends. */
  ExportStatus run(ExportRequest request) {
    engine.start();
    ExportStatus submitted = engine.exports().submit(request, null);
    return awaitEnd(submitted.id());
  }

  ExportStatus awaitEnd(String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> engine.exports().find(id).orElseThrow().state().isFinal());
    return engine.exports().find(id).orElseThrow();
  }

  /** The conversation ids Genesys (the emulator) holds for the export's interval and filters. */
  List<String> groundTruth(ExportRequest request) {
    ObjectNode query = request.jobBody(request.interval());
    return request.kind() == ExportKind.USERS
        ? emulator.groundTruthUserIds(query)
        : emulator.groundTruthConversationIds(query);
  }

  /** Every line of an NDJSON output (gzip by extension) as JSON. */
  static List<JsonNode> records(Path output) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(output);
        InputStream in = output.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }

  static List<String> ids(List<JsonNode> records, String field) {
    return records.stream().map(r -> r.path(field).asText()).toList();
  }

  @Override
  public void close() {
    engine.close();
    db.close();
    emulator.close();
  }
}
