package dev.gcjobs.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.emulator.ConversationVersion;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportInterval;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.PollSchedule;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import dev.gcjobs.tables.TableTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An emulator with a data lake, an engine on its clock, syncs into a real DuckDB file, and what a
 * test compares: the copy's rows and the emulator's ground truth.
 */
final class SyncFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Emulator emulator;
  final Database db;
  final Engine engine;
  final Syncs syncs;
  final Path duckDb;

  SyncFixture(Path dir, EmulatorConfig.Builder emulatorConfig) {
    emulator =
        Emulator.start(
            emulatorConfig
                .port(0)
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
            "sync-test",
            new EngineSettings(state, 4, fast, 5),
            emulator.clock());
    engine.start();
    duckDb = dir.resolve("copy.duckdb");
    TableTarget target = TableTarget.parse(duckDb.toString(), null, Map.of());
    syncs =
        new Syncs(
            db.syncs(),
            engine.exports(),
            def -> target,
            state.resolve("syncs"),
            emulator.clock(),
            () -> 0,
            "test-node");
  }

  SyncDefinition.Builder definition(Instant since) {
    return SyncDefinition.builder()
        .kind(ExportKind.CONVERSATIONS)
        .destination(duckDb.toString())
        .since(since);
  }

  /** What the lake holds of the conversations of {@code [start, end)} as of {@code asOf}. */
  List<ConversationVersion> truth(Instant start, Instant end, Instant asOf) {
    ObjectNode query = JSON.createObjectNode();
    query.put("interval", new ExportInterval(start, end).toWireString());
    return emulator.groundTruthVersions(query, asOf);
  }

  /** A conversation as the copy holds it. */
  record Copied(String hash, boolean deleted) {}

  /**
   * Every conversation in the copy, by id: its {@code content_hash} (the SHA-256 of the record as
   * Genesys served it, as the ground truth hashes it) and whether it is marked deleted.
   */
  Map<String, Copied> copy() throws Exception {
    Map<String, Copied> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckDb);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT conversation_id, content_hash, deleted_at IS NOT NULL FROM conversations")) {
      while (rs.next()) {
        rows.put(rs.getString(1), new Copied(rs.getString(2), rs.getBoolean(3)));
      }
    }
    return rows;
  }

  @Override
  public void close() {
    engine.close();
    db.close();
    emulator.close();
  }
}
