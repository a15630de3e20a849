package dev.gcjobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.PollSchedule;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import dev.gcjobs.tables.TableTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

/** The scheduler against the emulator, the real engine and store, into a DuckDB file. */
@Tag("emulator")
@Timeout(180)
class SyncSchedulerTest {
  static final Instant NOW = Instant.parse("2024-06-10T00:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  Emulator emulator;
  Database db;
  Engine engine;
  SyncDestinations destinations;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .now(NOW)
                .dataLag(Duration.ofHours(6))
                .conversationsPerDay(100)
                // Slow jobs, so that a cycle is still running when the test stops it.
                .jobBaseDelay(Duration.ofSeconds(2))
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
    db = Database.open(databaseUrl(state));
    PollSchedule fast = new PollSchedule(Duration.ofMillis(50), 1.5, Duration.ofMillis(400), 0.1);
    engine =
        new Engine(
            db,
            client.analyticsJobs(),
            "scheduler-test",
            new EngineSettings(state, 4, fast, 5),
            emulator.clock());
    engine.start();
    TableTarget target = TableTarget.parse(dir.resolve("copy.duckdb").toString(), null, Map.of());
    destinations =
        new SyncDestinations(
            List.of(new SyncDestinations.Destination("warehouse", target.toString(), target)));
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
    db.close();
    emulator.close();
    dropDatabase();
  }

  /** The store's URL: H2 here, PostgreSQL in {@link PostgresSyncSchedulerIT}. */
  String databaseUrl(Path state) {
    return Database.h2FileUrl(state);
  }

  void dropDatabase() throws Exception {}

  Syncs syncs(String node) {
    return new Syncs(
        db.syncs(),
        engine.exports(),
        destinations::target,
        dir.resolve("state").resolve("syncs"),
        emulator.clock(),
        () -> 0,
        node);
  }

  SyncScheduler scheduler(String node) {
    return new SyncScheduler(syncs(node), destinations, registry, emulator.clock(), 2).start();
  }

  String define(Syncs syncs) {
    SyncDefinition definition =
        SyncDefinition.builder()
            .kind(ExportKind.CONVERSATIONS)
            .destination(destinations.stored("warehouse").orElseThrow())
            .since(Instant.parse("2024-06-08T00:00:00Z"))
            .every(Duration.ofHours(1))
            .build();
    return syncs.define(definition).definition().id();
  }

  @Test
  void aCycleCutShortByAStopStaysRunningAndTheNextStartResumesIt() {
    Syncs syncs = syncs("node-a");
    String id = define(syncs);
    SyncScheduler first = scheduler("node-a");
    await().atMost(WAIT).until(() -> syncs.find(id).orElseThrow().running() != null);

    first.close();

    SyncStatus stopped = syncs.find(id).orElseThrow();
    assertThat(stopped.running()).isNotNull();
    assertThat(stopped.cycles()).isEmpty();
    int seq = stopped.running().seq();

    try (SyncScheduler second = scheduler("node-a")) {
      await().atMost(WAIT).until(() -> syncs.find(id).orElseThrow().cycles().size() == 1);
    }
    CycleSummary cycle = syncs.find(id).orElseThrow().cycles().get(0);
    assertThat(cycle.seq()).isEqualTo(seq);
    assertThat(cycle.succeeded()).as(cycle.error()).isTrue();
    assertThat(cycle.added()).isPositive();
  }

  @Test
  void twoNodesOnOneStoreRunEachCycleOnce() {
    Syncs syncs = syncs("node-a");
    String id = define(syncs);

    try (SyncScheduler a = scheduler("node-a");
        SyncScheduler b = scheduler("node-b")) {
      await().atMost(WAIT).until(() -> syncs.find(id).orElseThrow().cycles().size() == 1);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                SyncStatus status = syncs.find(id).orElseThrow();
                return status.cycles().size() == 1 && status.running() == null;
              });
    }
    assertThat(syncs.find(id).orElseThrow().cycles().get(0).succeeded()).isTrue();
    assertThat(registry.find("gcjobs.sync.failures").counters()).isEmpty();
    assertThat(registry.get("gcjobs.sync.cycle.duration").tag("sync", id).timer().count())
        .isEqualTo(1);
  }

  @Test
  void aPausedSyncRunsNoCycle() {
    Syncs syncs = syncs("node-a");
    String id = define(syncs);
    syncs.setPaused(id, true);

    try (SyncScheduler scheduler = scheduler("node-a")) {
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> syncs.find(id).orElseThrow().lastCycleAt() == null);
    }
  }
}
