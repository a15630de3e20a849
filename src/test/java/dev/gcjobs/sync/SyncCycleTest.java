package dev.gcjobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sync cycles against the emulator's data lake, into a real DuckDB file. */
@Tag("emulator")
@Timeout(120)
class SyncCycleTest {
  static final Instant NOW = Instant.parse("2024-06-10T00:00:00Z");
  static final Instant SINCE = Instant.parse("2024-06-06T00:00:00Z");
  static final Duration LAG = Duration.ofHours(6);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Emulator emulator;
  Database db;
  Engine engine;
  Syncs syncs;
  Path duckDb;

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .now(NOW)
                .dataLag(LAG)
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
            "sync-test",
            new EngineSettings(state, 4, Duration.ofMinutes(1), fast, 5),
            genesysClock());
    engine.start();
    duckDb = dir.resolve("copy.duckdb");
    TableTarget target = TableTarget.parse(duckDb.toString(), null, Map.of());
    syncs =
        new Syncs(
            db.syncs(),
            engine.exports(),
            def -> target,
            state.resolve("syncs"),
            genesysClock(),
            () -> 0,
            "test-node");
  }

  @AfterEach
  void stop() {
    engine.close();
    db.close();
    emulator.close();
  }

  /** The emulator's clock, so that moving it moves what the engine and the syncs see too. */
  Clock genesysClock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return emulator.now();
      }
    };
  }

  SyncDefinition definition() {
    return new SyncDefinition(
        null, ExportKind.CONVERSATIONS, duckDb.toString(), null, SINCE, null, null, null, false);
  }

  @Test
  void theFirstCycleCopiesEverythingUpToAvailabilityAndTheNextOnlyTheNewAndSettleWindows()
      throws Exception {
    String id = syncs.define(definition()).definition().id();

    CycleSummary first = syncs.runCycle(id, false);

    assertThat(first.succeeded()).as(first.error()).isTrue();
    assertThat(first.reconcile()).isTrue();
    // The emulator's clock runs on from NOW, as Genesys' does.
    Instant availability = first.watermarkAfter();
    assertThat(availability).isBetween(NOW.minus(LAG), NOW.minus(LAG).plusSeconds(60));
    assertThat(liveIds()).isEqualTo(truth(SINCE, availability));
    assertThat(first.added()).isEqualTo(liveIds().size());

    emulator.advanceClock(Duration.ofHours(6));
    CycleSummary second = syncs.runCycle(id, false);

    assertThat(second.succeeded()).as(second.error()).isTrue();
    Instant later = second.watermarkAfter();
    assertThat(later).isAfter(availability.plus(Duration.ofHours(6)));
    assertThat(second.reconcile()).isFalse();
    assertThat(second.windowStart()).isEqualTo(later.minus(SyncPlan.DEFAULT_SETTLE));
    assertThat(second.watermarkBefore()).isEqualTo(availability);
    assertThat(liveIds()).isEqualTo(truth(SINCE, later));
    assertThat(second.added()).isPositive();
    // Conversations running at the first availability were copied in progress, now they ended.
    assertThat(second.changed()).isPositive();
    assertThat(second.deleted()).isZero();

    CycleSummary third = syncs.runCycle(id, false);
    assertThat(third.added() + third.changed() + third.deleted()).isZero();
    assertThat(third.unchanged()).isPositive();
    assertThat(syncs.find(id).orElseThrow().cycles()).hasSize(3);
  }

  @Test
  void theSameDefinitionAgainResumesItsSyncAndAnotherStartIsRefusedNamingTheFirst() {
    String id = syncs.define(definition()).definition().id();

    assertThat(syncs.define(definition()).definition().id()).isEqualTo(id);
    SyncDefinition other =
        new SyncDefinition(
            null,
            ExportKind.CONVERSATIONS,
            duckDb.toString(),
            null,
            SINCE.minus(Duration.ofDays(1)),
            null,
            null,
            null,
            false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> syncs.define(other))
        .isInstanceOf(SyncConflict.class)
        .hasMessageContaining(id);
  }

  Set<String> truth(Instant start, Instant end) {
    ObjectNode query = JSON.createObjectNode();
    query.put("interval", new ExportInterval(start, end).toWireString());
    return new HashSet<>(emulator.groundTruthConversationIds(query));
  }

  Set<String> liveIds() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckDb);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT conversation_id FROM conversations WHERE deleted_at IS NULL")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
